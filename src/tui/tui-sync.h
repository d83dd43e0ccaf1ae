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

/*
 * The Bundle screen: a look at a bundle file before it is imported
 * (tui-bundle.c), and the importing: one file, saying what it did (0, or
 * -1 refused, said); one file's counts added to sum, then what files
 * did, said; the progress of a long export or import (its arg the tui).
 */
void	 tui_bundle_open(struct tui *, const char *path);
int	 tui_sync_import(struct tui *, const char *path);
struct sync_result;
int	 tui_sync_import_file(struct tui *, const char *path,
	     struct sync_result *sum);
void	 tui_sync_imported(struct tui *, size_t files,
	     const struct sync_result *sum);
void	 tui_sync_progress(const char *stage, uint64_t done, uint64_t total,
	     void *arg);

/* The team (tui-team.c): its passphrase typed to make a new team (join
 * NULL) or join one with the bundle join made by sender; a site admitted
 * (name offered), or revoked (ref, as peers lists it); the folder. */
void	 tui_team_pass_open(struct tui *, const char *join,
	     const char *sender);
void	 tui_team_admit(struct tui *, const char *name);
void	 tui_team_revoke(struct tui *, const char *ref, const char *name);
void	 tui_team_folder(struct tui *);

#endif
