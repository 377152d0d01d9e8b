/* crc32.c: CRC-32 (IEEE, slicing-by-8 tables), CRC-32C (byte table) and Adler-32 over a generated stream. */
#include "common.h"

static uint32_t tab[8][256];  /* CRC-32, reflected polynomial 0xEDB88320 */
static uint32_t tabc[256];    /* CRC-32C, reflected polynomial 0x82F63B78 */

static void make_tables(void)
{
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i, d = i;
    for (int k = 0; k < 8; k++) {
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
      d = (d >> 1) ^ (0x82F63B78u & (0u - (d & 1)));
    }
    tab[0][i] = c;
    tabc[i] = d;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int t = 1; t < 8; t++)
      tab[t][i] = (tab[t - 1][i] >> 8) ^ tab[0][tab[t - 1][i] & 0xff];
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
  crc = ~crc;
  while (n && ((uintptr_t)p & 7)) {
    crc = (crc >> 8) ^ tab[0][(crc ^ *p++) & 0xff];
    n--;
  }
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
    uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
    crc = tab[7][lo & 0xff] ^ tab[6][(lo >> 8) & 0xff] ^ tab[5][(lo >> 16) & 0xff] ^ tab[4][lo >> 24] ^
          tab[3][hi & 0xff] ^ tab[2][(hi >> 8) & 0xff] ^ tab[1][(hi >> 16) & 0xff] ^ tab[0][hi >> 24];
  }
  while (n--)
    crc = (crc >> 8) ^ tab[0][(crc ^ *p++) & 0xff];
  return ~crc;
}

static uint32_t crc32c_update(uint32_t crc, const uint8_t *p, size_t n)
{
  crc = ~crc;
  while (n--)
    crc = (crc >> 8) ^ tabc[(crc ^ *p++) & 0xff];
  return ~crc;
}

static uint32_t adler32_update(uint32_t adler, const uint8_t *p, size_t n)
{
  uint32_t a = adler & 0xffff, b = adler >> 16;
  while (n) {
    size_t run = n < 5552 ? n : 5552; /* largest run without overflowing b */
    n -= run;
    while (run--) {
      a += *p++;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return b << 16 | a;
}

int main(int argc, char **argv)
{
  int mib = (int)suite_size(argc, argv, 320, 16, 1 << 20);
  make_tables();
  const uint8_t *check = (const uint8_t *)"123456789";
  if (crc32_update(0, check, 9) != 0xCBF43926u || crc32c_update(0, check, 9) != 0xE3069283u ||
      adler32_update(1, check, 9) != 0x091E01DEu) {
    printf("crc32 self-test failed\n");
    return 1;
  }
  enum { CHUNK = 1 << 20 };
  uint8_t *buf = xmalloc(CHUNK + 8);
  rng_t r = {32};
  /* text-like bytes: a skewed distribution, so Adler sums are not uniform */
  for (int i = 0; i < CHUNK + 8; i++) {
    uint32_t x = rng_u32(&r);
    buf[i] = (uint8_t)(x & 0x80 ? 'a' + (x % 26) : (x >> 8) & 0xff);
  }
  uint32_t crc = 0, crcc = 0, adler = 1;
  uint64_t h = HASH_INIT;
  for (int m = 0; m < mib; m++) {
    const uint8_t *p = buf + (m & 7); /* vary the alignment */
    crc = crc32_update(crc, p, CHUNK);
    if ((m & 3) == 0)
      crcc = crc32c_update(crcc, p, CHUNK / 2);
    adler = adler32_update(adler, p, CHUNK);
    h = hash_u64(h, (uint64_t)crc << 32 | adler);
  }
  printf("crc32 mib=%d crc32=%08x crc32c=%08x adler32=%08x hash=%016" PRIx64 "\n", mib, crc, crcc, adler, h);
  free(buf);
  return 0;
}
