/* store.c - placeholder */
typedef int store_placeholder_t;
