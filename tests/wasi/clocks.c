/* clocks.c: clocks, random, sched_yield and poll_oneoff (clock and descriptor subscriptions); prints only facts that hold on any run. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

/* proc_raise is no longer in this libc's headers: imported by hand */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t raw_proc_raise(int32_t sig);

static __wasi_timestamp_t now(__wasi_clockid_t id)
{
  __wasi_timestamp_t t = 0;
  (void)__wasi_clock_time_get(id, 1, &t);
  return t;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t ud, __wasi_clockid_t id, __wasi_timestamp_t timeout, int abs)
{
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

static __wasi_subscription_t fd_sub(__wasi_userdata_t ud, __wasi_eventtype_t type, __wasi_fd_t fd)
{
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = type;
  s.u.u.fd_read.file_descriptor = fd;
  return s;
}

int main(void)
{
  __wasi_timestamp_t res, t0, t1, r0, r1;
  __wasi_subscription_t subs[4];
  __wasi_event_t ev[4];
  __wasi_size_t nev;
  __wasi_errno_t e;
  unsigned char a[32], b[32], zero[32] = {0};
  struct timespec ts = {0, 20000000};

  /* clocks */
  for (__wasi_clockid_t id = 0; id < 4; id++) {
    e = __wasi_clock_res_get(id, &res);
    printf("clock %u: res_get %s, res %s\n", id, e ? "error" : "ok", res > 0 && res <= 1000000000 ? "sane" : "odd");
  }
  printf("clock 9: res_get errno %u, time_get errno %u\n", __wasi_clock_res_get(9, &res), __wasi_clock_time_get(9, 0, &t0));
  r0 = now(__WASI_CLOCKID_REALTIME);
  printf("realtime after 2020: %d\n", r0 > 1577836800000000000ull);
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  t1 = now(__WASI_CLOCKID_MONOTONIC);
  printf("monotonic does not go back: %d\n", t1 >= t0);

  /* sleeping is poll_oneoff with one clock subscription (nanosleep in libc) */
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  nanosleep(&ts, NULL);
  t1 = now(__WASI_CLOCKID_MONOTONIC);
  printf("nanosleep 20ms slept >= 20ms: %d, < 2s: %d\n", t1 - t0 >= 20000000, t1 - t0 < 2000000000);

  /* two clocks: the earlier one fires first, alone */
  subs[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 500000000, 0);
  subs[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 10000000, 0);
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  e = __wasi_poll_oneoff(subs, ev, 2, &nev);
  t1 = now(__WASI_CLOCKID_MONOTONIC);
  printf("poll two clocks: errno %u, events %u, first userdata %llu, type %u, waited 10ms..500ms: %d\n", e, (unsigned)nev,
         (unsigned long long)ev[0].userdata, ev[0].type, t1 - t0 >= 10000000 && t1 - t0 < 500000000);

  /* an absolute deadline on the realtime clock, 15 ms ahead */
  r0 = now(__WASI_CLOCKID_REALTIME);
  subs[0] = clock_sub(7, __WASI_CLOCKID_REALTIME, r0 + 15000000, 1);
  e = __wasi_poll_oneoff(subs, ev, 1, &nev);
  r1 = now(__WASI_CLOCKID_REALTIME);
  printf("poll absolute realtime: errno %u, events %u, userdata %llu, reached: %d\n", e, (unsigned)nev,
         (unsigned long long)ev[0].userdata, r1 >= r0 + 15000000);

  /* an absolute deadline in the past fires at once */
  subs[0] = clock_sub(8, __WASI_CLOCKID_MONOTONIC, 1, 1);
  e = __wasi_poll_oneoff(subs, ev, 1, &nev);
  printf("poll past deadline: errno %u, events %u, error %u\n", e, (unsigned)nev, ev[0].error);

  /* descriptors: stdin is a file the script wrote 6 bytes to, stdout is writable; a clock far
   * away does not fire */
  subs[0] = fd_sub(10, __WASI_EVENTTYPE_FD_READ, 0);
  subs[1] = fd_sub(11, __WASI_EVENTTYPE_FD_WRITE, 1);
  subs[2] = clock_sub(12, __WASI_CLOCKID_MONOTONIC, 10000000000ull, 0);
  e = __wasi_poll_oneoff(subs, ev, 3, &nev);
  printf("poll stdin+stdout: errno %u, events %u", e, (unsigned)nev);
  for (__wasi_size_t i = 0; i < nev; i++)
    printf(", [ud %llu type %u error %u%s]", (unsigned long long)ev[i].userdata, ev[i].type, ev[i].error,
           ev[i].type == __WASI_EVENTTYPE_FD_READ ? (ev[i].fd_readwrite.nbytes == 6 ? " nbytes 6" : " nbytes ?") : "");
  printf("\n");

  /* a closed descriptor is an event with EBADF, not a failed call */
  subs[0] = fd_sub(20, __WASI_EVENTTYPE_FD_READ, 99);
  subs[1] = clock_sub(21, __WASI_CLOCKID_MONOTONIC, 10000000000ull, 0);
  e = __wasi_poll_oneoff(subs, ev, 2, &nev);
  printf("poll bad fd: errno %u, events %u, userdata %llu, error %u\n", e, (unsigned)nev, (unsigned long long)ev[0].userdata,
         ev[0].error);
  printf("poll no subscriptions: errno %u\n", __wasi_poll_oneoff(subs, ev, 0, &nev));
  subs[0].u.tag = 9;
  printf("poll bad tag: errno %u\n", __wasi_poll_oneoff(subs, ev, 1, &nev));

  /* random */
  printf("random_get: %u %u\n", __wasi_random_get(a, sizeof a), __wasi_random_get(b, sizeof b));
  printf("random differs: %d, not zero: %d\n", memcmp(a, b, sizeof a) != 0, memcmp(a, zero, sizeof a) != 0);
  printf("getentropy: %d\n", getentropy(a, sizeof a));
  printf("sched_yield: %u\n", __wasi_sched_yield());
  printf("proc_raise: %d\n", raw_proc_raise(15));
  return 0;
}
