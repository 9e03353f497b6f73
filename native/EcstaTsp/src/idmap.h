/* A map from 32-bit ids to 32-bit values (open addressing, linear probing, grows at 1/2 load, removals by
 * backward shift), so device and line lookups stay constant-time with the host's 20,000 lines. */
#ifndef ECSTA_IDMAP_H
#define ECSTA_IDMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct idmap_slot {
  uint32_t key;
  uint32_t value;
  int used;
} idmap_slot;

typedef struct idmap {
  idmap_slot *slots;
  size_t capacity; /* a power of two, or 0 */
  size_t count;
} idmap;

void idmap_init(idmap *m);
void idmap_free(idmap *m);
int idmap_put(idmap *m, uint32_t key, uint32_t value); /* 0 when out of memory */
int idmap_get(const idmap *m, uint32_t key, uint32_t *value);
void idmap_remove(idmap *m, uint32_t key);

#endif
