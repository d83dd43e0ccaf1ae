/*
 * SQL of consent that the core's modules share and nothing outside the
 * core may splice: a family's consent that stands is the record the fold
 * keeps the id of in family.consent (src/store/fold-consent.c), so that
 * one place says which decision stands. The modules that show it with
 * each family (the lists, the huddle) join it through that column, as
 * consent_current() does.
 */
#ifndef ONETEAM_CONSENT_SQL_H
#define ONETEAM_CONSENT_SQL_H

/*
 * A join of the consent record that stands, as k, to the row of family
 * f; k's columns are NULL when the family has none. The record's family
 * is named too, so that SQLite looks it up in consent_latest (family,
 * date, hlc, id, state, review), which holds what the lists and the
 * huddle read of it, in the order of the families' ids: the huddle asks
 * it of every open family of a locality, and by the primary key, each
 * look-up somewhere else and each row read, took twice as long.
 */
#define CONSENT_JOIN(f, k) " LEFT JOIN consent " k " INDEXED BY " \
	"consent_latest ON " k ".family = " f ".id AND " k ".id = " f \
	".consent "

#endif
