/*
 * mark.c owns this site's high-water mark: kept outside the database,
 * beside the key file, it says how many changes each site id this
 * database has had made here. A database put back from a backup (cp, a
 * backup tool, sqlite3 .restore: the file the same) holds fewer of its
 * site's changes than the mark says were made, and would number its next
 * change as one already made and sent: so at its next opening to write,
 * before anything is recorded, it takes a new site id and says so. Its
 * changes sent since the backup come back with the next import.
 *
 * The file is a line "oneteam-mark 1", a line "hlc N": the hybrid clock's
 * highest value here (a reader before it passes it over), then a line
 * "SITE SEQUENCE" for each site id (base32), written whole beside it and
 * renamed over it. A database put back starts its clock no lower:
 * what it records next is placed after all it had seen before (else a
 * backup from long ago, with a clock behind, would place it among the
 * team's first changes, before the admissions it was made in view of).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-private.h"
#include "oneteam/date.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#define MARK_HEAD	"oneteam-mark 1"
#define MARK_MAX	64	/* site ids kept, the latest first */
#define MARK_AHEAD_MS	(7LL * 24 * 60 * 60 * 1000) /* a clock it may say */

struct mark {
	struct id	 site[MARK_MAX];
	uint64_t	 seq[MARK_MAX];
	size_t		 n;
	uint64_t	 hlc;
};

/*
 * The clock a mark says, or 0 when it cannot be right: digits only, and
 * no more than a week past this machine's clock (a value put there, or a
 * clock far out, would place every later change after everyone's).
 */
static uint64_t
mark_clock(const char *s)
{
	unsigned long long	 v;
	char			*end;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || (*end != '\n' && *end != '\0') ||
	    v > (uint64_t)(clock_now_ms() + MARK_AHEAD_MS) << 16)
		return 0;
	return v;
}

/* Read the mark at path; one missing or not a mark reads as empty.
 * Returns 0, or -1 for a file there that is not a mark. */
static int
mark_read(const char *path, struct mark *m)
{
	FILE			*f;
	char			 line[128], b32[64];
	unsigned long long	 seq;

	memset(m, 0, sizeof *m);
	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -1;
	if (fgets(line, sizeof line, f) == NULL ||
	    strcmp(line, MARK_HEAD "\n") != 0) {
		fclose(f);
		return -1;
	}
	while (m->n < MARK_MAX && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "hlc ", 4) == 0)
			m->hlc = mark_clock(line + 4);
		else if (sscanf(line, "%63s %llu", b32, &seq) == 2 &&
		    id_from_base32(b32, &m->site[m->n]) == 0) {
			m->seq[m->n] = seq;
			m->n++;
		}
	fclose(f);
	return 0;
}

/* Where site is in m, or m->n. */
static size_t
mark_find(const struct mark *m, const struct id *site)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (id_cmp(&m->site[i], site) == 0)
			break;
	return i;
}

/*
 * After a commit that made changes here: the mark says this site has
 * made them, with what another oneteam on this file wrote since (the
 * greater number kept). A mark that cannot be written is not the
 * commit's failure: it only weakens the check.
 */
void
mark_write(struct store *st, const struct id *site, uint64_t made)
{
	struct mark	 m;
	FILE		*f;
	char		*tmp, b32[27];
	size_t		 i;
	int		 ok, fd = -1;

	if (st->mark == NULL)
		return;
	(void)mark_read(st->mark, &m);
	if ((i = mark_find(&m, site)) < m.n && m.seq[i] >= made &&
	    m.hlc >= st->hlc)
		return;
	if (m.hlc < st->hlc)
		m.hlc = st->hlc;
	if (i < m.n && m.seq[i] > made)
		made = m.seq[i];
	/* The site first, then the others as they were, oldest dropped. */
	if (i == m.n && m.n == MARK_MAX)
		i = --m.n;
	memmove(&m.site[1], &m.site[0], i * sizeof m.site[0]);
	memmove(&m.seq[1], &m.seq[0], i * sizeof m.seq[0]);
	if (i == m.n)
		m.n++;
	m.site[0] = *site;
	m.seq[0] = made;
	/* Beside it, its own for each oneteam writing at once. */
	tmp = xprintf("%s.%ld.tmp", st->mark, (long)getpid());
	unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL,
	    install_mode(0600))) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		free(tmp);
		return;
	}
	fprintf(f, "%s\n", MARK_HEAD);
	/* First: read whatever the number of sites after it. */
	if (m.hlc > 0)
		fprintf(f, "hlc %llu\n", (unsigned long long)m.hlc);
	for (i = 0; i < m.n; i++) {
		id_base32(&m.site[i], b32);
		fprintf(f, "%s %llu\n", b32, (unsigned long long)m.seq[i]);
	}
	ok = fflush(f) == 0 && ferror(f) == 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, st->mark) != 0)
		unlink(tmp);
	free(tmp);
}

int
mark_check(struct store *st, char **cause)
{
	struct mark	m;
	size_t		i;

	if (st->mark == NULL || mark_read(st->mark, &m) != 0 ||
	    (i = mark_find(&m, &st->site)) == m.n ||
	    m.seq[i] < st->next_seq)
		return 0;
	store_set_fault(st, STORE_EDB);
	xasprintf(cause, "%s was put back from a backup while oneteam had it "
	    "open, and its next change would take a number this site used "
	    "already: nothing was saved; close oneteam and open it again",
	    st->path);
	return -1;
}

int
store_mark(struct store *st, const char *path, char **cause)
{
	struct mark	 m;
	char		 was[27], now[27];
	uint64_t	 made, held;
	size_t		 i;

	free(st->mark);
	st->mark = xstrdup(path);
	/* Said, not refused: the database is as good as ever. */
	if (mark_read(path, &m) != 0)
		store_notice_add(st, "%s is not this site's high-water mark "
		    "(damaged, or not a file): it is written afresh, and a "
		    "backup put back before now would not be noticed", path);
	/* Read first, written only for a backup put back: a database
	 * another program has locked opens as before. */
	if (store_local_load(st, cause) != 0)
		return -1;
	held = st->next_seq - 1;
	st->local_loaded = st->local_dirty = 0;
	if ((i = mark_find(&m, &st->site)) == m.n || m.seq[i] <= held) {
		/* A database from before marks, or a mark not written
		 * after a crash: it says so now. */
		if (i == m.n || m.seq[i] < held)
			mark_write(st, &st->site, held);
		return 0;
	}
	made = m.seq[i];
	id_base32(&st->site, was);
	if (store_begin(st, cause) != 0)
		return -1;
	if (store_new_site(st, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	if (st->hlc < m.hlc) {
		st->hlc = m.hlc;
		st->local_dirty = 1;
	}
	if (store_commit(st, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	id_base32(&st->site, now);
	store_notice_add(st, "%s was put back from a backup: it holds "
	    "site %.8s's changes to number %llu, and %llu were made here; it "
	    "is now a site of its own, %.8s, so nothing it records is taken "
	    "for a change made before (import a bundle from the team to get "
	    "back what this site sent since the backup)", st->path, was,
	    (unsigned long long)held, (unsigned long long)made, now);
	return 0;
}

int
store_mark_knows(const char *path, const struct id *site)
{
	struct mark	m;

	if (mark_read(path, &m) != 0 || m.n == 0)
		return -1;
	return mark_find(&m, site) < m.n;
}
