/*
 * The screens of the exchange between sites: Sync (tui-sync.c), to make
 * and import bundles and see the peers, and the Conflicts queue
 * (tui-conflicts.c).
 */
#ifndef ONETEAM_TUI_SYNC_H
#define ONETEAM_TUI_SYNC_H

#include "tui.h"

extern const struct tui_screen_ops tui_sync_ops, tui_conflicts_ops;

void	 tui_sync_open(struct tui *);
void	 tui_conflicts_open(struct tui *);

#endif
