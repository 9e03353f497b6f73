#include "idmap.h"

#include <stdlib.h>
#include <string.h>

void idmap_init(idmap *m) { memset(m, 0, sizeof(*m)); }

void idmap_free(idmap *m) {
  free(m->slots);
  memset(m, 0, sizeof(*m));
}

static size_t slot_of(uint32_t key, size_t capacity) {
  uint32_t h = key * 2654435761u; /* Knuth's multiplicative hash */
  h ^= h >> 16;
  return (size_t)h & (capacity - 1);
}

static int grow(idmap *m) {
  size_t capacity = m->capacity ? m->capacity * 2 : 64;
  idmap_slot *slots = (idmap_slot *)calloc(capacity, sizeof(idmap_slot));
  if (slots == NULL) return 0;
  for (size_t i = 0; i < m->capacity; i++) {
    if (!m->slots[i].used) continue;
    size_t j = slot_of(m->slots[i].key, capacity);
    while (slots[j].used) j = (j + 1) & (capacity - 1);
    slots[j] = m->slots[i];
  }
  free(m->slots);
  m->slots = slots;
  m->capacity = capacity;
  return 1;
}

int idmap_put(idmap *m, uint32_t key, uint32_t value) {
  if ((m->count + 1) * 2 > m->capacity && !grow(m)) return 0;
  size_t i = slot_of(key, m->capacity);
  while (m->slots[i].used && m->slots[i].key != key) i = (i + 1) & (m->capacity - 1);
  if (!m->slots[i].used) m->count++;
  m->slots[i].used = 1;
  m->slots[i].key = key;
  m->slots[i].value = value;
  return 1;
}

int idmap_get(const idmap *m, uint32_t key, uint32_t *value) {
  if (m->capacity == 0) return 0;
  size_t i = slot_of(key, m->capacity);
  while (m->slots[i].used) {
    if (m->slots[i].key == key) {
      *value = m->slots[i].value;
      return 1;
    }
    i = (i + 1) & (m->capacity - 1);
  }
  return 0;
}

void idmap_remove(idmap *m, uint32_t key) {
  if (m->capacity == 0) return;
  size_t mask = m->capacity - 1;
  size_t i = slot_of(key, m->capacity);
  while (m->slots[i].used && m->slots[i].key != key) i = (i + 1) & mask;
  if (!m->slots[i].used) return;
  m->slots[i].used = 0;
  m->count--;
  /* Backward-shift the cluster after the hole so every key stays reachable from its home slot. */
  size_t hole = i;
  for (size_t j = (i + 1) & mask; m->slots[j].used; j = (j + 1) & mask) {
    size_t home = slot_of(m->slots[j].key, m->capacity);
    int between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
    if (between) continue;
    m->slots[hole] = m->slots[j];
    m->slots[j].used = 0;
    hole = j;
  }
}
