/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keys.c - the key table (keys.h) as data, and its lookups. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "keys.h"

#include <stdio.h>

#include "mc_error.h"

static const ui_binding table[] = {
#define X(a, s, k, l, b, h) {a, s, k, l, b, h},
    UI_KEY_LIST(X)
#undef X
};

size_t keys_count(void)
{
    return sizeof table / sizeof *table;
}

const ui_binding *keys_at(size_t i)
{
    return i < keys_count() ? &table[i] : NULL;
}

ui_action keys_lookup(ui_screen_id scr, int key, bool fn, bool alt,
                      bool typing)
{
    unsigned bit = 1u << scr;
    for (size_t i = 0; i < keys_count(); i++) {
        const ui_binding *b = &table[i];
        if (!(b->screens & bit))
            continue;
        if (fn) {
            /* function keys, Shift-Tab */
            if (b->key >= KEY_MIN && b->key == key)
                return b->act;
            continue;
        }
        if (alt) {
            if (b->letter && b->letter == key)
                return b->act;
            continue;
        }
        if (b->key && b->key < 32 && b->key == key)
            return b->act; /* Tab, Esc: always */
        if (typing)
            continue; /* printable keys type into the field */
        if (b->key >= 32 && b->key < KEY_MIN && b->key == key)
            return b->act;
        if (b->letter && b->letter == key)
            return b->act;
    }
    return ACT_NONE;
}

void keys_name(const ui_binding *b, char *buf, size_t size)
{
    if (b->key >= KEY_F(1) && b->key <= KEY_F(12))
        snprintf(buf, size, "F%d", b->key - KEY_F(0));
    else if (b->key == KEY_BTAB)
        snprintf(buf, size, "S-Tab");
    else if (b->key == UI_TAB)
        snprintf(buf, size, "Tab");
    else if (b->key == UI_ESC)
        snprintf(buf, size, "Esc");
    else if (b->key == ' ')
        snprintf(buf, size, "%s", _("Cách"));
    else if (b->key > ' ' && b->key < 127)
        snprintf(buf, size, "%c", b->key);
    else
        snprintf(buf, size, "%s", "");
}
