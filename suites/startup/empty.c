/* empty.c: a C program that does nothing: the cost of libc start-up and exit alone. */
int main(void) { return 0; }
