/*
 * The kind of install this program is. A personal install (the default,
 * and every program `make check` runs but one) reads the configuration
 * and the database wherever its user points, and is as safe as that
 * user's login. A protected install (configure --enable-protected) runs
 * set-group-id to a group that alone can reach its directory
 * (/var/lib/oneteam): it reads its configuration from one file
 * (/etc/oneteam/oneteam.ini), keeps the database, key file and mark in
 * its directory, readable by the group, and does everything else as the
 * person at the keyboard, without the group: a file they named (an
 * export, a bundle on a stick, a passphrase file) is opened with their
 * rights alone, so it is theirs and can never be one of the install's.
 *
 * Which kind a program is depends on what it links, as with the test
 * inputs (oneteam/hook.h): the library's src/lib/install.c is personal;
 * the protected program links the same file built with
 * ONETEAM_PROTECTED_DIR set.
 */
#ifndef ONETEAM_INSTALL_H
#define ONETEAM_INSTALL_H

#include <sys/types.h>

#include <stdio.h>

/* The protected install's directory, or NULL for a personal install. */
const char	*install_dir(void);

/* The protected install's one configuration file (NULL: personal). */
const char	*install_config(void);

/*
 * Start: in a protected install, note the group, keep SQLite's temporary
 * files in the install's directory, and leave the process its umask for
 * files of its own. Called once, first thing. 0, or -1 when the group
 * cannot be dropped and taken back (a protected program not set-group-id
 * runs, but holds nothing more than its user).
 */
int		 install_start(void);

/* Does path lie inside dir (textually: no "." or ".." steps)? */
int		 install_within(const char *dir, const char *path);

/*
 * Name the bundle directory of the configuration, for the screens, which
 * write and read bundles there by the names they make and list: its
 * files are the install's. The command line never names it: every file
 * it opens is one a person named. A protected install's bundle
 * directory lies in its directory (the configuration is refused else).
 */
void		 install_set_bundles(const char *dir);

/*
 * Act as the person for path: in a protected install, drop the group
 * unless path lies in the bundle directory the screens named. The
 * database, key file and mark are opened without it, with the group.
 * Returns what install_end() takes to put the group back; personal: 0.
 */
int		 install_begin(const char *path);
void		 install_end(int);

/* open(2) and fopen(3) of path between install_begin() and _end(), errno
 * kept: a file the person named is read with their rights. */
int		 install_open(const char *path, int flags, mode_t mode);
FILE		*install_fopen(const char *path, const char *how);

/*
 * The mode a file or directory of the install's is made with: in a
 * protected install the group may do what the owner may (the owner is
 * whoever first made it); personal: mode as it is.
 */
mode_t		 install_mode(mode_t);

/*
 * May the person at the keyboard make, replace or put back the whole
 * database? In a personal install, yes; in a protected install only the
 * machine's administrator (root, or a member of the install's group, who
 * could read the files without oneteam anyway).
 */
int		 install_keeper(void);
/* The same, for what (a command: "team join"): 0, or -1 with *cause
 * saying that only the machine's administrator may. Making the site's
 * team key (team create, team join) is theirs too: a colleague could
 * otherwise join the site to a team of their own making. */
int		 install_keeper_only(const char *what, char **cause);

#endif
