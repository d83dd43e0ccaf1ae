/*
 * The SQL of need to know (access.h) that the core's lists splice into
 * their statements, so that a list that crosses families shows only those
 * whoever is at work may see, asking each row as access_may_view() asks
 * one family. Private to the core: nothing outside src/core includes it.
 */
#ifndef ONETEAM_ACCESS_SQL_H
#define ONETEAM_ACCESS_SQL_H

/*
 * SQL, true when the family whose id is the expression fam is one the
 * member of staff whose id is the expression me sees without breaking
 * the glass, or me is NULL (nobody at work). For the lists that cross
 * families, which show only those; fam and me are parameters or columns,
 * never data.
 */
#define ACCESS_SEES(fam, me) "(" me " IS NULL OR " \
	"(SELECT locality FROM family WHERE id = " fam ") IN " \
	ACCESS_LOCALITIES(me) " OR " ACCESS_IS("(SELECT lead FROM family " \
	"WHERE id = " fam ")", me) " OR " ACCESS_WORKS_WITH(fam, me) ")"
/* The same of the row of family f, read without looking it up again. */
#define ACCESS_SEES_ROW(f, me) "(" me " IS NULL OR " f ".locality IN " \
	ACCESS_LOCALITIES(me) " OR " ACCESS_IS(f ".lead", me) " OR " \
	ACCESS_WORKS_WITH(f ".id", me) ")"
/*
 * The localities of the name of locality loc: one place, though each site
 * of a team may have made its own record of it before they met. Every
 * question of "this locality" asks it (a parameter or a column, never
 * data).
 */
#define LOCALITY_SAME(loc) "(SELECT b.id FROM locality a JOIN locality b " \
	"ON b.name = a.name COLLATE NOCASE WHERE a.id = " loc ")"
/* The localities of me's name (each site may have made its own). */
#define ACCESS_LOCALITIES(me) "(SELECT l.id FROM locality l WHERE " \
	"l.name = (SELECT sl.name FROM staff s JOIN locality sl ON sl.id = " \
	"s.locality WHERE s.id = " me ") COLLATE NOCASE)"
/* Has me recorded a contact with, or an action of, family fam? Asked of
 * each family through the indexes, never by making the set of all: a
 * worker may have seen thousands. */
#define ACCESS_WORKS_WITH(fam, me) ACCESS_WORKS_AS(me, fam) " OR EXISTS " \
	"(SELECT 1 FROM staff m WHERE m.same_as = " me " AND (" \
	ACCESS_WORKS_AS("m.id", fam) " OR EXISTS (SELECT 1 FROM staff m2 " \
	"WHERE m2.same_as = m.id AND " ACCESS_WORKS_AS("m2.id", fam) ")))"
/* Has the account acct recorded a contact with, or an action of, fam? */
#define ACCESS_WORKS_AS(acct, fam) "(EXISTS (SELECT 1 FROM contact WHERE " \
	"created_by = " acct " AND family = " fam ") OR EXISTS (SELECT 1 " \
	"FROM action WHERE owner = " acct " AND family = " fam "))"
/*
 * Is family row f one of me's (the Mine view, My day's news)? Open, and
 * me leads it, added it, or has recorded a contact with it.
 */
#define ACCESS_MINE(f, me) "(" f ".status = 'open' AND (" f ".lead IN " \
	ACCESS_SELF(me) " OR " f ".created_by IN " ACCESS_SELF(me) " OR " \
	f ".id IN (SELECT family FROM contact WHERE created_by IN " \
	ACCESS_SELF(me) ")))"
/*
 * The accounts of me: theirs, and those merged into it (staff_merge():
 * the same person, added twice), whose work is theirs. ACCESS_SELF is
 * the list, for a statement that asks it once; ACCESS_IS asks of one
 * value, for a statement that asks it of every row (through the small
 * index of merged accounts, empty but for merges), two merges deep (a
 * chain made apart; staff merge makes a longer one shorter).
 */
#define ACCESS_SELF(me) "(SELECT " me " UNION SELECT id FROM staff WHERE " \
	"same_as = " me " UNION SELECT s2.id FROM staff s1 JOIN staff s2 ON " \
	"s2.same_as = s1.id WHERE s1.same_as = " me ")"
#define ACCESS_IS(col, me) "(" col " = " me " OR EXISTS (SELECT 1 FROM " \
	"staff m WHERE m.same_as = " me " AND (m.id = " col " OR EXISTS " \
	"(SELECT 1 FROM staff m2 WHERE m2.same_as = m.id AND m2.id = " col \
	"))))"

#endif
