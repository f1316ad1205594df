package io.hivematrix.archive.adapter.rest.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** A thread-safe map of at most {@code capacity} entries that forgets the least recently used first. */
public final class BoundedLru<K, V> {
    private final Map<K, V> entries;

    BoundedLru(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
