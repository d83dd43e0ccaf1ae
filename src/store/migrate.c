/*
 * migrate.c owns the schema: numbered migrations embedded in the binary,
 * each run in one transaction and recorded in PRAGMA user_version. It does
 * not know what the tables mean; fold.c fills them.
 *
 * Synchronised tables have no foreign keys between them and no unique
 * constraint other than their random id: records arrive from other sites
 * in any order, and the fold, not the schema, applies the rules.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

static const char *const migration_1[] = {
	/* Local state of this replica: never synchronised. */
	"CREATE TABLE local ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  site BLOB NOT NULL,"
	"  site_name TEXT NOT NULL,"
	"  next_seq INTEGER NOT NULL,"
	"  hlc INTEGER NOT NULL,"
	"  created INTEGER NOT NULL);",
	/* The operation log; the tables below are its fold. */
	"CREATE TABLE op ("
	"  id BLOB NOT NULL,		/* BLAKE2b of enc; (origin, seq) is the key */"
	"  origin BLOB NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  hlc INTEGER NOT NULL,"
	"  author BLOB,"
	"  kind INTEGER NOT NULL,"
	"  etype TEXT NOT NULL,"
	"  entity BLOB NOT NULL,"
	"  field TEXT,"
	"  enc BLOB NOT NULL,"
	"  UNIQUE (origin, seq));",
	"CREATE INDEX op_set ON op(entity, field) WHERE kind = 2;",
	"CREATE TABLE op_base ("
	"  base BLOB NOT NULL,"
	"  op BLOB NOT NULL,"
	"  PRIMARY KEY (base, op)) WITHOUT ROWID;",
	/* Heads of fields set after creation (multi-value registers). */
	"CREATE TABLE reg ("
	"  entity BLOB NOT NULL,"
	"  field TEXT NOT NULL,"
	"  op BLOB NOT NULL,"
	"  hlc INTEGER NOT NULL,"
	"  origin BLOB NOT NULL,"
	"  author BLOB,"
	"  value ANY,"
	"  etype TEXT NOT NULL,"
	"  PRIMARY KEY (entity, field, op)) WITHOUT ROWID;",

	"CREATE TABLE locality ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  name TEXT,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE TABLE staff ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  name TEXT, role TEXT, agency TEXT,"
	"  locality BLOB, coordinator INTEGER, active INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE TABLE family ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  household TEXT, address TEXT, postcode TEXT,"
	"  lsoa TEXT, locality BLOB, level INTEGER, status TEXT,"
	"  lead BLOB, next_review TEXT, needs TEXT,"
	/* Derived by the fold, for the families list. */
	"  last_contact INTEGER, open_referrals INTEGER NOT NULL DEFAULT 0,"
	"  active_flags INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX family_household ON family(household, id);",
	"CREATE INDEX family_lead ON family(lead);",
	"CREATE TABLE episode ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, opened TEXT, closed TEXT, reason TEXT,"
	"  end_reason TEXT, created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX episode_family ON episode(family);",
	"CREATE TABLE step ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, direction TEXT, from_level INTEGER,"
	"  to_level INTEGER, reason TEXT, created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX step_family ON step(family);",
	"CREATE TABLE person ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, name TEXT, dob TEXT,"
	"  relationship TEXT, school TEXT, gp TEXT,"
	"  send INTEGER, young_carer INTEGER, looked_after INTEGER,"
	"  cp_plan INTEGER, archived INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX person_family ON person(family);",
	"CREATE TABLE consent ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, state TEXT, given_by TEXT, scope TEXT,"
	"  date TEXT, review TEXT, created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX consent_family ON consent(family, date);",
	/* A row per revision; current = 0 once another revision corrects it. */
	"CREATE TABLE contact ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  contact BLOB, corrects BLOB, family BLOB,"
	"  at INTEGER, kind TEXT, venue TEXT, seen TEXT, summary TEXT,"
	"  follow_up TEXT, planned INTEGER,"
	"  current INTEGER NOT NULL DEFAULT 1,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX contact_family ON contact(family, at);",
	"CREATE INDEX contact_contact ON contact(contact);",
	"CREATE INDEX contact_by ON contact(created_by, family);",
	"CREATE INDEX contact_corrects ON contact(corrects)"
	"  WHERE corrects IS NOT NULL;",
	"CREATE INDEX contact_follow_up ON contact(follow_up)"
	"  WHERE follow_up IS NOT NULL AND current = 1;",
	/* Story revisions; current = 0 once a later revision is based on it. */
	"CREATE TABLE story ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, section TEXT, body TEXT, base BLOB, base2 BLOB,"
	"  read_back TEXT, current INTEGER NOT NULL DEFAULT 1,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX story_family ON story(family, section);",
	"CREATE INDEX story_base ON story(base) WHERE base IS NOT NULL;",
	"CREATE INDEX story_base2 ON story(base2) WHERE base2 IS NOT NULL;",
	"CREATE TABLE referral ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, person BLOB, service TEXT, reason TEXT, needs TEXT,"
	"  urgency TEXT, basis TEXT, basis_reason TEXT, response_due TEXT,"
	"  outcome TEXT, status TEXT NOT NULL DEFAULT 'draft',"
	"  status_at INTEGER, created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX referral_family ON referral(family);",
	"CREATE INDEX referral_status ON referral(status, response_due);",
	"CREATE TABLE referral_event ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  referral BLOB, status TEXT, note TEXT, at INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX referral_event_referral ON referral_event(referral);",
	"CREATE TABLE flag ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, person BLOB, code TEXT, note TEXT, at INTEGER,"
	"  acked INTEGER, acked_by BLOB, resolved INTEGER, resolved_by BLOB,"
	"  resolve_note TEXT, created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX flag_family ON flag(family);",
	"CREATE TABLE flag_event ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  flag BLOB, what TEXT, note TEXT, at INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX flag_event_flag ON flag_event(flag);",
	"CREATE TABLE action ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, what TEXT, owner BLOB, due TEXT,"
	"  done INTEGER, done_at INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX action_family ON action(family);",
	"CREATE INDEX action_owner ON action(owner, done, due);",

	/* Search, rebuilt locally from the tables above. */
	"CREATE VIRTUAL TABLE family_fts USING fts5("
	"  ref, household, address, postcode, people,"
	"  tokenize = 'unicode61 remove_diacritics 2');",
	"CREATE VIRTUAL TABLE contact_fts USING fts5("
	"  summary, venue, content = 'contact', content_rowid = 'rowid',"
	"  tokenize = 'unicode61 remove_diacritics 2');",
	"CREATE VIRTUAL TABLE story_fts USING fts5("
	"  body, content = 'story', content_rowid = 'rowid',"
	"  tokenize = 'unicode61 remove_diacritics 2');",
	NULL
};

/*
 * Exchanging bundles (ARCHITECTURE.md, "Sites and bundles"). All of it is local state
 * of this replica, never synchronised: what it knows of its team and its
 * peers, the bundles it has imported, the changes it holds back.
 */
static const char *const migration_2[] = {
	/* The inode of the database file when this site took its id: a
	 * copied or restored file has another, and takes a new site id.
	 * digest: the sum of the ids of the operations held (see oplog.c). */
	"ALTER TABLE local ADD COLUMN inode INTEGER;",
	"ALTER TABLE local ADD COLUMN digest BLOB;",
	"CREATE TABLE team ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  team BLOB NOT NULL, key_id BLOB NOT NULL, salt BLOB NOT NULL,"
	"  opslimit INTEGER NOT NULL, memlimit INTEGER NOT NULL,"
	"  joined INTEGER NOT NULL);",
	/* The names of the sites whose changes are held, as bundles say. */
	"CREATE TABLE site ("
	"  id BLOB PRIMARY KEY, name TEXT NOT NULL);",
	/* Sites a bundle came from or was made for. */
	"CREATE TABLE peer ("
	"  site BLOB PRIMARY KEY, heard INTEGER, sent INTEGER,"
	"  digest BLOB, in_step INTEGER NOT NULL DEFAULT 0);",
	/* What each peer has said it holds: every change of origin to seq. */
	"CREATE TABLE peer_has ("
	"  peer BLOB NOT NULL, origin BLOB NOT NULL, seq INTEGER NOT NULL,"
	"  PRIMARY KEY (peer, origin)) WITHOUT ROWID;",
	"CREATE TABLE bundle_in ("
	"  id BLOB PRIMARY KEY, sender BLOB NOT NULL, imported INTEGER NOT NULL,"
	"  changes INTEGER NOT NULL, added INTEGER NOT NULL);",
	/* Changes whose clock is more than a day ahead: held back, shown. */
	"CREATE TABLE quarantine ("
	"  op BLOB PRIMARY KEY, origin BLOB NOT NULL, seq INTEGER NOT NULL,"
	"  hlc INTEGER NOT NULL, enc BLOB NOT NULL, bundle BLOB,"
	"  received INTEGER NOT NULL);",
	NULL
};

/*
 * The morning huddle: a meeting of one locality's team on a day, and its
 * items, each family once, with what was decided. Synchronised like the
 * records of migration 1; the minutes are written from these rows.
 */
static const char *const migration_3[] = {
	/* Signing in: the Argon2id hash of each one's passphrase (never the
	 * passphrase), synchronised so one may sign in at any site; and, of
	 * this site only, the failed attempts that make an account wait. */
	"ALTER TABLE staff ADD COLUMN passhash TEXT;",
	/* Administrators manage accounts; init makes the first. */
	"ALTER TABLE staff ADD COLUMN admin INTEGER;",
	"CREATE TABLE signin_wait ("
	"  staff BLOB PRIMARY KEY, fails INTEGER NOT NULL,"
	"  until INTEGER NOT NULL);",
	"CREATE TABLE huddle ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  locality BLOB, day TEXT, since INTEGER, started INTEGER,"
	"  ended INTEGER, present TEXT,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_locality ON huddle(locality, day);",
	/* An item: a family on the agenda, each once. reasons: the agenda's
	 * words at the time, a line each (since migration 6, NULL: the
	 * reasons are huddle_reason rows); carried: the day of the huddle
	 * that did not reach it, or NULL. */
	"CREATE TABLE huddle_item ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  huddle BLOB, family BLOB, position INTEGER, grp TEXT,"
	"  reasons TEXT, carried TEXT,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_item_huddle ON huddle_item(huddle, position);",
	"CREATE INDEX huddle_item_family ON huddle_item(family);",
	/* What was decided for an item, a record each, never changed: kind
	 * (huddle.h), its words, and the record it wrote, if any. */
	"CREATE TABLE huddle_decision ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  item BLOB, family BLOB, kind TEXT, note TEXT, record BLOB,"
	"  at INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_decision_item ON huddle_decision(item);",
	"CREATE INDEX huddle_decision_family ON huddle_decision(family);",
	/*
	 * The huddle's agenda (huddle.c) reads only the locality's open
	 * families and what slipped. A locality's open families, with what
	 * the questions asked of each family need, so that none reads the
	 * family's row; with no lead; with a review, by its date.
	 */
	"CREATE INDEX family_locality ON family(locality, status, id,"
	"  last_contact);",
	"CREATE INDEX family_no_lead ON family(locality, status)"
	"  WHERE lead IS NULL;",
	"CREATE INDEX family_review ON family(locality, next_review)"
	"  WHERE status = 'open';",
	/* A family's latest consent, in the order the fold finds it
	 * (fold-consent.c). */
	"CREATE INDEX consent_latest ON consent(family, date, hlc, id, state,"
	"  review);",
	/* Follow-ups by when the contact was: families' last contacts are
	 * recent, so asking after each one's reads a small part, in cache. */
	"CREATE INDEX contact_follow_at ON contact(at, family, follow_up)"
	"  WHERE follow_up IS NOT NULL AND current = 1"
	"  AND NOT coalesce(planned, 0);",
	/* What is new or not done, with the family, so that only those of
	 * the locality read their record's row: contacts by kind and time,
	 * of which the agenda reads the last days' of the kinds of concern,
	 * and the few records not done. */
	"CREATE INDEX contact_recent ON contact(kind, at, family)"
	"  WHERE current = 1 AND NOT coalesce(planned, 0);",
	"CREATE INDEX flag_open ON flag(family, acked, at)"
	"  WHERE resolved IS NULL;",
	"CREATE INDEX referral_event_sent ON referral_event(at)"
	"  WHERE status = 'sent';",
	"CREATE INDEX action_open ON action(due, family)"
	"  WHERE coalesce(done, 0) = 0;",
	/* Steps up and down: what a service (social care) answered. */
	"CREATE INDEX referral_service ON referral(service, status, family);",
	/* The audit trail (audit.c): who did what, when, at which site. Each
	 * site numbers its entries (seq, from 1) and chains them: prev is
	 * the hash of the site's entry before, hash this one's. Found by
	 * family and by person for subject access, by site to verify. */
	"CREATE TABLE audit ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  seq INTEGER, site BLOB, at INTEGER, who BLOB, what TEXT,"
	"  family BLOB, detail TEXT, prev TEXT, hash TEXT,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX audit_family ON audit(family, at);",
	"CREATE INDEX audit_who ON audit(who, at);",
	"CREATE INDEX audit_site ON audit(site, seq);",
	NULL
};

/*
 * Signing in on the command line (signin.c): this site's sessions, each
 * known by the BLAKE2b hash of its token (the token itself is only with
 * whoever signed in), its member of staff, and when it began and was
 * last used. And the break-glass entries for the coordinators, by time,
 * and the flagged families.
 */
static const char *const migration_4[] = {
	"CREATE TABLE signin_session ("
	"  token BLOB PRIMARY KEY, staff BLOB NOT NULL,"
	"  created INTEGER NOT NULL, last INTEGER NOT NULL);",
	"CREATE INDEX audit_what ON audit(what, at);",
	/* The families with an active red flag, few of a borough: counted
	 * for the Flagged view without reading every family. */
	"CREATE INDEX family_flagged ON family(active_flags)"
	"  WHERE active_flags > 0;",
	NULL
};

/*
 * A family's consent that stands, kept by the fold (fold-consent.c) in
 * family.consent, the id of its record, worked out here for the families
 * already held. The huddle asks it of every open family of a locality, so
 * family_locality holds it too: the huddle reads no family's row to judge
 * (consent-sql.h).
 */
static const char *const migration_5[] = {
	"ALTER TABLE family ADD COLUMN consent BLOB;",
	"UPDATE family SET " FOLD_CONSENT_SQL ";",
	"DROP INDEX family_locality;",
	"CREATE INDEX family_locality ON family(locality, status, id,"
	"  last_contact, consent);",
	NULL
};

/*
 * A huddle item's reasons as facts, a row each, in the item's order
 * (huddle-reason.c): what the agenda had, turned into words only when
 * shown. Items recorded before keep theirs in huddle_item.reasons.
 */
static const char *const migration_6[] = {
	"CREATE TABLE huddle_reason ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  item BLOB, family BLOB, position INTEGER, grp TEXT, kind TEXT,"
	"  record_kind TEXT, record BLOB, code TEXT, label TEXT, state TEXT,"
	"  detail TEXT, at INTEGER, day TEXT, due TEXT, who TEXT, owner TEXT,"
	"  severity TEXT, late INTEGER, level INTEGER, number INTEGER,"
	"  response TEXT, carried INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_reason_item ON huddle_reason(item, position);",
	"CREATE INDEX huddle_reason_family ON huddle_reason(family);",
	NULL
};

/*
 * A session stands for the passphrase it was opened with: its hash is
 * kept with it, and a new one, set here or arriving from another site,
 * ends it (signin.c).
 */
static const char *const migration_7[] = {
	"ALTER TABLE signin_session ADD COLUMN passhash TEXT;",
	"UPDATE signin_session SET passhash = (SELECT passhash FROM staff"
	"  WHERE staff.id = signin_session.staff);",
	NULL
};

/*
 * Trust across sites (ARCHITECTURE.md, "Sites and bundles"): each site's
 * changes are a chain (op.h), whose head the site signs. op.link is a
 * change's link in its origin's chain: NULL for a change of version 2
 * (its id), worked out below for the changes already held, which are all
 * of version 1; empty when a change before it is missing, so its link
 * cannot be known. Of this replica only: the public key each site signs
 * with, as first seen, and the best signed head of each site held.
 */
static const char *const migration_8[] = {
	"ALTER TABLE op ADD COLUMN link BLOB;",
	"ALTER TABLE quarantine ADD COLUMN link BLOB;",
	"CREATE TABLE site_key ("
	"  origin BLOB PRIMARY KEY, key BLOB NOT NULL,"
	"  seen INTEGER NOT NULL);",
	"CREATE TABLE head ("
	"  origin BLOB PRIMARY KEY, seq INTEGER NOT NULL,"
	"  link BLOB NOT NULL, sig BLOB NOT NULL);",
	NULL
};

/*
 * The rules of authority, checked again by the fold (fold-judge.c): the
 * changes refused, kept in the log and listed here; the makings of the
 * records whose changes are judged, and the changes by author of those
 * kinds, to find them again when someone's authority changes; and
 * whether the changes held have been judged (a new database: none to).
 */
static const char *const migration_9[] = {
	"CREATE TABLE refused ("
	"  op BLOB PRIMARY KEY, why TEXT NOT NULL);",
	"CREATE INDEX op_made ON op(entity) WHERE kind = 1 AND"
	"  etype IN ('staff', 'family', 'episode');",
	"CREATE INDEX op_by_author ON op(author, hlc) WHERE"
	"  etype IN ('staff', 'family', 'episode');",
	/* The changes held were folded unjudged: judge them, once, when a
	 * judge is first set (store_set_judge()). */
	"ALTER TABLE local ADD COLUMN judged INTEGER NOT NULL DEFAULT 0;",
	NULL
};

/*
 * Sites admitted to a team, and revoked (sync-design.md, "Trust"): the
 * records that say so, and how each change refused came to be (a site
 * not admitted holds its changes back, a site revoked refuses those after
 * its last accepted); of this replica, the site whose key made the team,
 * from which admission starts (NULL: a team made before sites were
 * admitted, whose every site is taken as it was), its former keys, and
 * the evidence of a site that signed two histories.
 */
static const char *const migration_10[] = {
	"CREATE TABLE admission ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  site BLOB, what TEXT, key TEXT, name TEXT, last INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX admission_site ON admission(site);",
	"ALTER TABLE refused ADD COLUMN gate INTEGER NOT NULL DEFAULT 0;",
	"CREATE INDEX refused_gate ON refused(gate) WHERE gate > 0;",
	"ALTER TABLE team ADD COLUMN root BLOB;",
	/* An admission is decided again, as the others, when its author's
	 * authority changes (fold-judge.c, judge_again()). */
	"DROP INDEX op_by_author;",
	"CREATE INDEX op_by_author ON op(author, hlc) WHERE"
	"  etype IN ('staff', 'family', 'episode', 'admission');",
	/* The team keys this site had before (team rekey): a bundle made
	 * with one is refused as old, not as unknown. */
	"CREATE TABLE team_key_old ("
	"  key_id BLOB PRIMARY KEY, replaced INTEGER NOT NULL);",
	/* Two changes one site signed under one number: the one held, and
	 * the other with the head its site signed over it, as the bundle
	 * that brought it (refused) had them; kept as proof. */
	"CREATE TABLE evidence ("
	"  origin BLOB NOT NULL, seq INTEGER NOT NULL, held BLOB NOT NULL,"
	"  other BLOB NOT NULL, head_seq INTEGER, head_link BLOB,"
	"  head_sig BLOB, head_key BLOB, bundle BLOB, sender BLOB,"
	"  found INTEGER NOT NULL, PRIMARY KEY (origin, seq, other));",
	NULL
};

/*
 * A session of the command line keeps its member's signing key (signin.h),
 * sealed by its token, which only the shell that signed in holds.
 */
static const char *const migration_11[] = {
	"ALTER TABLE signin_session ADD COLUMN seal BLOB;",
	NULL
};

/*
 * A site admitted as it was when a team made before admission got its
 * root (team root): the link of the last of its changes the root held,
 * so that only that history is taken as it was.
 */
static const char *const migration_12[] = {
	"ALTER TABLE admission ADD COLUMN link TEXT;",
	NULL
};

/*
 * Clocks that hold nothing hostage: a change is applied whatever its clock
 * (the table of changes held back for a clock a day ahead stays, for a
 * database that held some: the next import applies them). For each site,
 * how far after this machine's clock its changes were dated when they
 * came, to tell of a clock far out; and when a fork was mended.
 */
static const char *const migration_13[] = {
	"CREATE TABLE clock ("
	"  site BLOB PRIMARY KEY, ahead INTEGER NOT NULL, at INTEGER NOT NULL);",
	/* A fork mended: its site recovered, and holds this replica's
	 * history of it again (fork.c); kept as proof, no longer a
	 * problem. */
	"ALTER TABLE evidence ADD COLUMN mended INTEGER;",
	NULL
};

/*
 * Upgrades one site at a time: the changes of a later generation of
 * record kinds (op.h) this build keeps without folding them, or folds
 * but for fields it does not know, and the family each is about when
 * that is known, until an upgraded build folds them (later.c).
 */
static const char *const migration_14[] = {
	"CREATE TABLE later ("
	"  op BLOB PRIMARY KEY, made INTEGER NOT NULL, family BLOB,"
	"  whole INTEGER NOT NULL) WITHOUT ROWID;",
	"CREATE INDEX later_family ON later(family) WHERE family IS NOT NULL;",
	/* The first field of generation 2: a member merged into another. */
	"ALTER TABLE staff ADD COLUMN same_as BLOB;",
	"CREATE INDEX staff_same_as ON staff(same_as) WHERE same_as IS NOT "
	"NULL;",
	/* Derived: an episode opened again at another site while the
	 * first was open, the same episode as that one (fold-derive.c). */
	"ALTER TABLE episode ADD COLUMN joined BLOB;",
	/* A correction of a contact corrected apart names the other
	 * version it corrects too. */
	"ALTER TABLE contact ADD COLUMN merges BLOB;",
	"CREATE INDEX contact_merges ON contact(merges) WHERE merges IS NOT "
	"NULL;",
	/* The few current corrections: a contact with two is a conflict
	 * (conflict.h CONFLICT_VERSIONS). */
	"CREATE INDEX contact_versions ON contact(contact) WHERE current AND "
	"corrects IS NOT NULL;",
	NULL
};

static const char *const migration_15[] = {
	/* Derived: whether the family has an episode of early help open;
	 * the few whose episodes break the rule of episodes after changes
	 * made apart are a conflict (conflict.h CONFLICT_EPISODES). */
	"ALTER TABLE family ADD COLUMN episode_open INTEGER NOT NULL "
	"DEFAULT 0;",
	"UPDATE family SET episode_open = EXISTS (SELECT 1 FROM episode e "
	"WHERE e.family = family.id AND e.closed IS NULL);",
	"CREATE INDEX family_unsettled ON family(id) WHERE episode_open IS "
	"NOT " KINDS_EPISODES_WANTED ";",
	/* Why a family's early help ended, said when it closed: the end of
	 * an episode that opened apart meanwhile. */
	"ALTER TABLE family ADD COLUMN end_reason TEXT;",
	/* An event that settles a referral moved apart at two sites, and
	 * the few referrals whose events make a move not allowed. */
	"ALTER TABLE referral_event ADD COLUMN settles BLOB;",
	"ALTER TABLE referral_event ADD COLUMN clash INTEGER NOT NULL "
	"DEFAULT 0;",
	"ALTER TABLE referral ADD COLUMN clash INTEGER NOT NULL DEFAULT 0;",
	/* As fold-moves.c works them out, of events none of which settles
	 * (none did before). */
	"UPDATE referral_event SET clash = 1 WHERE id IN (SELECT id FROM "
	"(SELECT id, status, lag(status) OVER w AS prev, lead(status) OVER w "
	"AS next FROM referral_event WINDOW w AS (PARTITION BY referral ORDER "
	"BY at, created, id)) WHERE (prev IS NOT NULL AND prev IS NOT status "
	"AND (prev, status) NOT IN (" KINDS_REFERRAL_MOVES ")) OR (next IS "
	"NOT NULL AND next IS NOT status AND (status, next) NOT IN ("
	KINDS_REFERRAL_MOVES ")));",
	"UPDATE referral SET clash = EXISTS (SELECT 1 FROM referral_event e "
	"WHERE e.referral = referral.id AND e.clash);",
	"CREATE INDEX referral_clash ON referral(id) WHERE clash;",
	NULL
};

/*
 * Only corrections in the index of a contact's revisions: a first revision
 * is its own contact (kinds.h KINDS_CONTACT_REVISIONS), and keying every
 * new contact by its random id cost a hub's import a page written per
 * contact, a fifth of all it wrote (BENCHMARKS.md).
 */
static const char *const migration_16[] = {
	"DROP INDEX contact_contact;",
	"CREATE INDEX contact_revisions ON contact(contact) WHERE corrects IS "
	"NOT NULL;",
	NULL
};

/*
 * A session of the command line keeps the idle window and the end it was
 * opened with, and the terminal it was opened at (signin.c): none opened
 * before kept them, so those end.
 */
static const char *const migration_17[] = {
	"DELETE FROM signin_session;",
	"ALTER TABLE signin_session ADD COLUMN idle INTEGER NOT NULL "
	"DEFAULT 0;",
	"ALTER TABLE signin_session ADD COLUMN expires INTEGER NOT NULL "
	"DEFAULT 0;",
	"ALTER TABLE signin_session ADD COLUMN terminal TEXT NOT NULL "
	"DEFAULT '';",
	NULL
};

/* Whether the database is a demo's: only such a one may be replaced by
 * another demo (oneteam demo --replace). */
static const char *const migration_18[] = {
	"ALTER TABLE local ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;",
	NULL
};

/*
 * Each change's maker's clock as it made it (generation 4; NULL before):
 * when a change happened, for people, whatever its hybrid clock says.
 * Changes of generation 4 folded by a build before it (a site upgraded
 * after others) are read again by store_upgrade().
 */
static const char *const migration_19[] = {
	"ALTER TABLE op ADD COLUMN wall INTEGER;",
	"ALTER TABLE local ADD COLUMN walls_read INTEGER NOT NULL DEFAULT 0;",
	NULL
};

/*
 * The changes this site took out of its history with site recover (and
 * made again under a new id): a copy of one that comes later from a
 * third site is left out, not taken or recovered again (import.c).
 */
static const char *const migration_20[] = {
	"CREATE TABLE recovered (op BLOB PRIMARY KEY);",
	NULL
};

/* Changes let go of by their makers, made again (src/sync/fork.c); and
 * admissions, few, found at once (admission.c). */
static const char *const migration_21[] = {
	"ALTER TABLE recovered ADD COLUMN origin BLOB;",
	"ALTER TABLE recovered ADD COLUMN seq INTEGER;",
	"ALTER TABLE recovered ADD COLUMN entity BLOB;",
	"ALTER TABLE recovered ADD COLUMN by BLOB;",
	"ALTER TABLE recovered ADD COLUMN now BLOB;",
	"ALTER TABLE recovered ADD COLUMN now_entity BLOB;",
	"CREATE INDEX op_admission ON op(hlc) WHERE etype = 'admission' AND "
	"kind = 1;",
	NULL
};

/* Whether the changes of generation 5 on held were read for what they
 * make again (store_upgrade(): a build before passed that over). */
static const char *const migration_22[] = {
	"ALTER TABLE local ADD COLUMN befores_read INTEGER NOT NULL DEFAULT 0;",
	NULL
};

/* Search: names with an apostrophe found without it ("obrien"), and the
 * first letters typed of a name found at once (migrate_search()). */
static const char *const migration_23[] = {
	"DROP TABLE family_fts;",
	"CREATE VIRTUAL TABLE family_fts USING fts5("
	"  ref, household, address, postcode, people, joined,"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');",
	NULL
};

/* Generation 7: what was done, said as an action is marked done, and a
 * huddle's decisions undone (huddle-undo.c); and when each member last
 * looked at My day at this site, never sent (myday-news.c). */
static const char *const migration_24[] = {
	"ALTER TABLE action ADD COLUMN done_note TEXT;",
	"CREATE TABLE myday_look (staff BLOB PRIMARY KEY, op INTEGER NOT NULL,"
	"  at INTEGER NOT NULL);",
	"ALTER TABLE action ADD COLUMN withdrawn INTEGER;",
	"ALTER TABLE huddle_decision ADD COLUMN before TEXT;",
	"ALTER TABLE huddle_decision ADD COLUMN after TEXT;",
	"CREATE TABLE huddle_undo ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  decision BLOB, item BLOB, family BLOB, note TEXT, at INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_undo_decision ON huddle_undo(decision);",
	"CREATE INDEX huddle_undo_family ON huddle_undo(family);",
	NULL
};

/* Generation 8: a huddle's apologies and guests; its items parked. */
static const char *const migration_25[] = {
	"ALTER TABLE huddle ADD COLUMN apologies TEXT;",
	"ALTER TABLE huddle ADD COLUMN guests TEXT;",
	"CREATE TABLE huddle_park ("
	"  id BLOB PRIMARY KEY, op BLOB NOT NULL,"
	"  family BLOB, item BLOB, reason TEXT, facts TEXT, note TEXT,"
	"  at INTEGER, ended INTEGER,"
	"  created INTEGER, created_by BLOB, hlc INTEGER);",
	"CREATE INDEX huddle_park_family ON huddle_park(family);",
	"CREATE INDEX huddle_park_item ON huddle_park(item);",
	NULL
};

static const char *const *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
	migration_16,
	migration_17,
	migration_18,
	migration_19,
	migration_20,
	migration_21,
	migration_22,
	migration_23,
	migration_24,
	migration_25,
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* What a migration does that SQL cannot, after its statements. */
static int (*const migration_code[NMIGRATIONS])(sqlite3 *, char **) = {
	[7] = migrate_links,
	[22] = migrate_search,
};

int
migrate_latest(void)
{
	return NMIGRATIONS;
}

/* Run the statements of one migration, stopping at the first failure. */
static int
migrate_exec(sqlite3 *db, const char *const *sql, char **err)
{
	for (; *sql != NULL; sql++)
		if (sqlite3_exec(db, *sql, NULL, NULL, err) != SQLITE_OK)
			return -1;
	return 0;
}

/* The schema version of db, or -1 with *cause set. */
static int
migrate_version(sqlite3 *db, const char *path, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 version;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		xasprintf(cause, "%s: %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > NMIGRATIONS) {
		xasprintf(cause, "%s was written by a newer oneteam (schema %d, "
		    "this oneteam knows up to %d): upgrade oneteam to open it",
		    path, version, NMIGRATIONS);
		return -1;
	}
	return version;
}

int
migrate_check(sqlite3 *db, const char *path, char **cause)
{
	int	version;

	if ((version = migrate_version(db, path, cause)) < 0)
		return -1;
	if (version < NMIGRATIONS) {
		xasprintf(cause, "%s needs updating to this version of oneteam: "
		    "open it once for writing (oneteam check does)", path);
		return -1;
	}
	return 0;
}

int
migrate_run(sqlite3 *db, const char *path, char **cause)
{
	char	*err = NULL;
	int	 version, i;

	if ((version = migrate_version(db, path, cause)) < 0)
		return -1;
	for (i = version; i < NMIGRATIONS; i++) {
		char	pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    i + 1);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) ||
		    migrate_exec(db, migrations[i], &err) ||
		    (migration_code[i] != NULL &&
		    migration_code[i](db, &err) != 0) ||
		    sqlite3_exec(db, pragma, NULL, NULL, &err) ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, &err)) {
			xasprintf(cause, "%s: cannot update the schema to "
			    "version %d: %s", path, i + 1,
			    err != NULL ? err : sqlite3_errmsg(db));
			sqlite3_free(err);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}
