/* swap.c: exchanges two paths atomically (renameat2 RENAME_EXCHANGE) as fast as it can, for the race test. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/*   swap A B SECONDS: A and B trade places until SECONDS have passed (or it is killed).  With A
 * a directory under the preopen and B a symlink out of it, a guest resolving A/... races a
 * lookup that would escape if resolution ever followed the symlink it did not check. */
int main(int argc, char **argv)
{
  struct timespec t0, t;
  long swaps = 0;
  if (argc != 4) {
    fprintf(stderr, "usage: swap A B SECONDS\n");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    if (renameat2(AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) != 0) {
      perror("swap: renameat2");
      return 1;
    }
    swaps++;
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < atof(argv[3]));
  /* an even number of exchanges leaves A and B as they were */
  if (swaps % 2 && renameat2(AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) != 0)
    return 1;
  return 0;
}
