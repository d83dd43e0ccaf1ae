/*
 * demo-family.c makes one family of the demo and six months of its
 * records: the family and its episode (a step up or down now and then),
 * its people, consent, contacts, the family story, referrals along the
 * paths they take, red flags and actions, in the words workers write.
 * Who writes each is one of the demo team (demo.c); what is picked comes
 * from the seeded generator, in the same order as ever.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "demo-private.h"

/* Households and the given names their people carry, by community. */
static const struct {
	const char	*surname;
	const char	*adults[3];
	const char	*children[4];
} demo_names[] = {
	{ "Khan", { "Ayesha", "Imran", "Nasreen" },
	    { "Zara", "Ibrahim", "Maryam", "Yusuf" } },
	{ "Smith", { "Kelly", "Darren", "Tracey" },
	    { "Liam", "Chloe", "Jayden", "Ruby" } },
	{ "Nowak", { "Agnieszka", "Piotr", "Małgorzata" },
	    { "Zuzanna", "Jakub", "Łukasz", "Zoë" } },
	{ "Okonkwo", { "Chiamaka", "Emeka", "Ngozi" },
	    { "Chidi", "Adaeze", "Tobenna", "Ifeoma" } },
	{ "Begum", { "Rokeya", "Shahid", "Salma" },
	    { "Tasnim", "Arif", "Nusrat", "Rayyan" } },
	{ "Ahmed", { "Hodan", "Abdirahman", "Faadumo" },
	    { "Ayaan", "Sagal", "Mohamed", "Hibo" } },
	{ "Popescu", { "Ioana", "Mihai", "Elena" },
	    { "Ștefan", "Andreea", "Luca", "Maria" } },
	{ "Murphy", { "Siobhán", "Patrick", "Aoife" },
	    { "Seán", "Niamh", "Ciarán", "Róisín" } },
	{ "Campbell", { "Marcia", "Delroy", "Shanice" },
	    { "Tyrese", "Jada", "Malachi", "Imani" } },
	{ "Yılmaz", { "Ayşe", "Mehmet", "Zeynep" },
	    { "Elif", "Emir", "Defne", "Yusuf" } },
	{ "Nguyễn", { "Thị Lan", "Văn Minh", "Thu Hà" },
	    { "Bảo", "Linh", "Khoa", "Mai" } },
	{ "Kaur", { "Harpreet", "Gurpreet", "Jaswinder" },
	    { "Simran", "Arjun", "Manpreet", "Jasleen" } },
	{ "Mensah", { "Akosua", "Kwame", "Abena" },
	    { "Kofi", "Ama", "Yaw", "Efua" } },
	{ "Da Silva", { "Ana", "João", "Mariana" },
	    { "Tiago", "Beatriz", "Gonçalo", "Inês" } },
	{ "Petrauskas", { "Rūta", "Tomas", "Jurgita" },
	    { "Emilija", "Lukas", "Gabija", "Matas" } },
	{ "王", { "芳", "伟", "秀英" }, { "子涵", "浩然", "欣怡", "宇轩" } },
	{ "محمد", { "فاطمة", "أحمد", "مريم" },
	    { "يوسف", "ليلى", "عمر", "نور" } },
	{ "Williams", { "Sarah", "Craig", "Leanne" },
	    { "Alfie", "Poppy", "Harvey", "Evie" } },
	{ "Ali", { "Shabana", "Tariq", "Rubina" },
	    { "Hamza", "Aleena", "Zain", "Inaya" } },
	{ "Rossi", { "Giulia", "Marco", "Francesca" },
	    { "Matteo", "Sofia", "Leonardo", "Aurora" } },
	{ "Hussain", { "Kulsum", "Jamal", "Rehana" },
	    { "Adam", "Safa", "Bilal", "Amina" } },
	{ "O'Connor", { "Bríd", "Declan", "Máire" },
	    { "Oisín", "Saoirse", "Fionn", "Clodagh" } },
	{ "Demir", { "Hêvî", "Azad", "Rojda" },
	    { "Berfin", "Rojhat", "Zilan", "Baran" } },
	{ "Taylor", { "Jodie", "Wayne", "Stacey" },
	    { "Mason", "Lily", "Riley", "Isla" } },
};

static const char *const demo_streets[] = {
	"Riverside Road", "Canal Street", "Mill Lane", "Station Approach",
	"Church Walk", "Victoria Terrace", "Albert Close", "Beech Grove",
	"Gas Works Lane", "Ropewalk", "Weavers Court", "Orchard Way",
	"Tannery Row", "Brook Street", "Jubilee Close", "Hollins Estate",
};

static const char *const demo_schools[] = {
	"Riverside Primary", "St Anne's C of E Primary", "Millbrook Academy",
	"Canal Side Nursery", "Riverside High", "Little Acorns Pre-school",
	"Holy Family RC Primary", "Northfield Academy",
};

static const char *const demo_gps[] = {
	"Riverside Medical Centre", "Canal Street Surgery",
	"Millbrook Health Centre", "Dr Osei and Partners",
};

static const char *const demo_venues[] = {
	"home", "Riverside Family Hub", "Riverside Library", "school",
	"GP surgery", "Millbrook Community Centre", "phone",
};

/* What workers write, with the kind of contact; %s is a child's name. */
/*
 * Contacts as a worker writes them, each with the ages of the child it
 * names (the family's eldest) it fits: no school attendance at two, no
 * weighing at twelve.
 */
static const struct {
	const char	*kind;
	const char	*text;
	int		 from, to;	/* the child's age, years */
} demo_summaries[] = {
	{ "home_visit", "Home visit. Mum tired but coping; %s weighed and "
	    "growing well. Talked about sleep routines and the stay-and-play "
	    "at the hub.", 0, 2 },
	{ "phone_call", "Phone call with mum: rent arrears letter received. "
	    "Agreed to bring it to the hub on Thursday for the welfare rights "
	    "drop-in.", 0, 17 },
	{ "school_meeting", "Met at school with the SENCo. %s's attendance is "
	    "82 per cent; agreed a morning check-in with a named adult.", 5,
	    16 },
	{ "joint_visit", "Joint visit with the social worker. Home conditions "
	    "improved since last visit; new beds delivered. %s shy but chatty "
	    "by the end.", 2, 17 },
	{ "group_session", "Group session (Baby Steps). Dad attended for the "
	    "first time and joined in; asked about the food bank voucher.", 0,
	    2 },
	{ "not_brought", "%s was not brought to the 2-year review. Second "
	    "missed appointment: letter sent and a home visit booked.", 2, 2 },
	{ "not_brought", "%s was not brought to the dentist. Second missed "
	    "appointment: letter sent and a home visit booked.", 3, 17 },
	{ "message", "Message from mum: the boiler is fixed and the family is "
	    "warm again. Thanked the housing officer.", 0, 17 },
	{ "taf_meeting", "Team around the family meeting. Plan reviewed: two "
	    "goals met, housing goal carried over. Family's words: \"things "
	    "feel calmer\".", 0, 17 },
	{ "clinic", "Clinic appointment. %s's immunisations up to date; "
	    "discussed toothbrushing and a dental registration.", 0, 4 },
	{ "drop_in", "Drop-in at the library: mum asked about nursery funding "
	    "for %s; helped her apply for the 15 hours.", 1, 3 },
	{ "home_visit", "Home visit with both parents. Talked through the "
	    "family plan; dad has started the parenting course. %s asleep.",
	    0, 6 },
};

/* The sections whose words are a young child's, as an older one says
 * them (the child named is the eldest, 5 or more). */
static const char *const demo_story_older[][2] = {
	{ "worries", "Money is tight since the benefit change and the flat is "
	    "damp. Mum is worried about %s missing school and about the "
	    "rent." },
	{ "family_wants", "A warmer, drier home. Help for %s to get to school "
	    "every day. To sort out the debts without going to court." },
	{ "child_voice", "%s said: \"I want Mum to stop worrying. I like it "
	    "at the youth club; I don't like the shouting upstairs.\"" },
};

static const char *const demo_story[][2] = {
	{ "our_family", "We are %s's family. Mum looks after the children and "
	    "works evenings at the supermarket; grandma helps on Saturdays." },
	{ "working_well", "The children love going to the hub. Mum asks for "
	    "help when she needs it and keeps to appointments most weeks." },
	{ "worries", "Money is tight since the benefit change and the flat is "
	    "damp. Mum is worried about %s's speech and about the rent." },
	{ "family_wants", "A warmer, drier home. Help for %s's talking before "
	    "school starts. To sort out the debts without going to court." },
	{ "child_voice", "%s said: \"I like it when mummy plays with me. I "
	    "don't like the shouting upstairs.\"" },
	{ "history", "Moved to Riverside two years ago after leaving an "
	    "unsafe relationship. Early help episode closed last spring; "
	    "stepped back in after the school raised attendance." },
};

/*
 * The family's locality: in the demo nine in ten are Riverside's. In a
 * borough they spread over its localities, Riverside (where the bench's
 * worker is) the largest, with two shares to every other's one.
 */
static const struct id *
demo_family_locality(struct demo *d)
{
	int	r;

	if (!d->borough)
		return &d->locality[demo_chance(d, 90) ? 0 : 1];
	r = demo_pick(d, (int)d->nlocality + 1);
	return &d->locality[r < 2 ? 0 : r - 1];
}

/* Days to the family's next review: in a borough one in a hundred late. */
static int
demo_family_review_days(struct demo *d)
{
	if (!d->borough)
		return demo_pick(d, 90) - 15;
	if (demo_pick(d, 1000) < 10)
		return -1 - demo_pick(d, 21);
	return demo_pick(d, 90);
}

static int
demo_family_record(struct demo *d, int n, struct id *fam, int *level,
    int *closed, char **cause)
{
	struct field	 f[10];
	char		 household[96], address[96], postcode[32], lsoa[32];
	char		 review[11], needs[96];
	const char	*need_codes[] = { "good_education", "early_years",
			    "health", "family_relationships", "secure_housing",
			    "financial_stability", "domestic_abuse",
			    "safe_from_abuse", "substance_use" };
	struct id	 lead;
	const struct id	*locality;
	int		 r = demo_pick(d, 100), i, k;

	*level = r < 8 ? 1 : r < 55 ? 2 : r < 90 ? 3 : 4;
	*closed = demo_chance(d, 6);
	snprintf(household, sizeof household, demo_chance(d, 70) ?
	    "%s family" : "%s household", demo_names[n].surname);
	snprintf(address, sizeof address, "%d %s, Riverside",
	    1 + demo_pick(d, 140), demo_streets[demo_pick(d,
	    (int)NELEM(demo_streets))]);
	snprintf(postcode, sizeof postcode, "RV%d %d%c%c", 1 + demo_pick(d, 9),
	    demo_pick(d, 10), "ABDEFGHJLNPQRSTUWXYZ"[demo_pick(d, 20)],
	    "ABDEFGHJLNPQRSTUWXYZ"[demo_pick(d, 20)]);
	snprintf(lsoa, sizeof lsoa, "E0100%04d", 4000 + demo_pick(d, 300));
	demo_date(d, d->ot->now + (int64_t)demo_family_review_days(d) * DAY_MS,
	    review);
	needs[0] = '\0';
	for (i = 0, k = 1 + demo_pick(d, 3); i < k; i++) {
		const char *c = need_codes[(d->index + (unsigned)i * 3) %
		    NELEM(need_codes)];
		if (strstr(needs, c) == NULL)
			snprintf(needs + strlen(needs), sizeof needs -
			    strlen(needs), "%s%s", *needs ? "," : "", c);
	}
	memset(&lead, 0, sizeof lead);
	if (demo_rate(d, 88, 990))
		lead = *demo_someone(d);
	locality = demo_family_locality(d);
	demo_as(d, id_is_zero(&lead) ? &d->staff[0] : &lead);
	f[0] = (struct field){ "household", val_text(household) };
	f[1] = (struct field){ "address", val_text(address) };
	f[2] = (struct field){ "postcode", val_text(postcode) };
	f[3] = (struct field){ "lsoa", val_text(lsoa) };
	f[4] = (struct field){ "locality", val_id(locality) };
	f[5] = (struct field){ "level", val_int(*level) };
	f[6] = (struct field){ "status", val_text(*closed ? "closed" :
	    "open") };
	f[7] = (struct field){ "lead", val_id(&lead) };
	f[8] = (struct field){ "next_review", val_text(*closed ? NULL :
	    review) };
	f[9] = (struct field){ "needs", val_text(needs) };
	return demo_new(d, "family", f, 10, fam, cause);
}

static int
demo_family_episode(struct demo *d, const struct id *fam, int level, int closed,
    char **cause)
{
	static const char *const reasons[] = { "request_for_support",
	    "school_concern", "health_concern", "family_request",
	    "mash_decision", "antenatal", "red_flag" };
	static const char *const ends[] = { "outcomes_met", "stepped_up",
	    "no_further_action", "moved_away", "declined" };
	struct field	 f[5];
	char		 opened[11], shut[11], from[8];
	struct id	 ep;

	demo_date(d, demo_when(d, 190, 400), opened);
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "opened", val_text(opened) };
	f[2] = (struct field){ "reason", val_text(reasons[demo_pick(d,
	    (int)NELEM(reasons))]) };
	f[3] = (struct field){ "closed", val_null() };
	f[4] = (struct field){ "end_reason", val_null() };
	if (closed || level == 4) {
		demo_date(d, demo_when(d, 1, 30), shut);
		f[3].v = val_text(shut);
		f[4].v = val_text(level == 4 ? "stepped_up" :
		    ends[demo_pick(d, (int)NELEM(ends))]);
	}
	if (demo_new(d, "episode", f, 5, &ep, cause) != 0)
		return -1;
	if (level != 4 && !demo_chance(d, 8))
		return 0;
	/* A step up to social care, or down from it. */
	snprintf(from, sizeof from, "%s", level == 4 ? "up" : "down");
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "direction", val_text(from) };
	f[2] = (struct field){ "from_level", val_int(level == 4 ? 3 : 4) };
	f[3] = (struct field){ "to_level", val_int(level) };
	f[4] = (struct field){ "reason", val_text(level == 4 ?
	    "Disclosure of domestic abuse; front door accepted for "
	    "assessment" : "Child in need plan ended; early help to "
	    "continue the family plan") };
	return demo_new(d, "step", f, 5, NULL, cause);
}

static int
demo_family_person(struct demo *d, const struct id *fam, const char *name,
    int64_t born, const char *rel, int level, char **cause)
{
	struct field	 f[11];
	char		 dob[11], full[128];
	int		 age = (int)((d->ot->now - born) / (DAY_MS * 36525 / 100));

	demo_date(d, born, dob);
	snprintf(full, sizeof full, "%s %s", name,
	    demo_names[d->index % NELEM(demo_names)].surname);
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "name", val_text(full) };
	f[2] = (struct field){ "dob", val_text(dob) };
	f[3] = (struct field){ "relationship", val_text(rel) };
	f[4] = (struct field){ "school", val_text(age >= 3 && age < 17 ?
	    demo_schools[demo_pick(d, (int)NELEM(demo_schools))] : NULL) };
	f[5] = (struct field){ "gp", val_text(demo_gps[demo_pick(d,
	    (int)NELEM(demo_gps))]) };
	f[6] = (struct field){ "send", val_int(age < 18 &&
	    demo_chance(d, 12)) };
	f[7] = (struct field){ "young_carer", val_int(age >= 8 && age < 18 &&
	    demo_chance(d, 6)) };
	f[8] = (struct field){ "looked_after", val_int(0) };
	f[9] = (struct field){ "cp_plan", val_int(age < 18 && level == 4 &&
	    demo_chance(d, 50)) };
	f[10] = (struct field){ "archived", val_int(0) };
	if (d->npeople < NELEM(d->person)) {
		if (demo_new(d, "person", f, 11, &d->person[d->npeople],
		    cause) != 0)
			return -1;
		d->pname[d->npeople] = xstrdup(full);
		d->page[d->npeople++] = age;
		return 0;
	}
	return demo_new(d, "person", f, 11, NULL, cause);
}

/* Born so many years and days ago. */
static int64_t
demo_born(struct demo *d, int years)
{
	return d->ot->now - ((int64_t)years * 365 + demo_pick(d, 360)) *
	    DAY_MS;
}

/*
 * Parents in their twenties to forties; children the eldest up to 14,
 * each next born 15 months to four years after the one before, none yet
 * to be born.
 */
static int
demo_family_people(struct demo *d, const struct id *fam, int n, int level,
    char **cause)
{
	int	adults = 1 + demo_chance(d, 45), children = 1 + demo_pick(d, 4);
	int	i, years, mother = 0;
	int64_t	born = 0;

	for (i = 0; i < adults; i++) {
		years = 22 + demo_pick(d, 22);
		if (i == 0)
			mother = years;
		if (demo_family_person(d, fam, demo_names[n].adults[i],
		    demo_born(d, years), i == 0 ? "mother" :
		    demo_chance(d, 70) ? "father" : "partner", level,
		    cause) != 0)
			return -1;
	}
	for (i = 0; i < children; i++) {
		/* The eldest born when mum was at least 18. */
		born = i == 0 ? demo_born(d, demo_pick(d, mother - 18 < 15 ?
		    mother - 18 : 15)) : born + (456 + demo_pick(d, 1000)) *
		    DAY_MS;
		if (i > 0 && born > d->ot->now - 30 * DAY_MS)
			break;
		if (i == 0)
			d->child_age = (int)((d->ot->now - born) /
			    (DAY_MS * 36525 / 100));
		if (demo_family_person(d, fam, demo_names[n].children[i], born,
		    "child", level, cause) != 0)
			return -1;
	}
	return 0;
}

/* The first child's first name, for the words of contacts and stories. */
static const char *
demo_family_child(struct demo *d)
{
	return demo_names[d->index % NELEM(demo_names)].children[0];
}

static int
demo_family_consent(struct demo *d, const struct id *fam, char **cause)
{
	struct field	 f[6];
	char		 date[11], review[11];
	int		 r, none = 4, refused = 10, withdrawn = 15;
	int64_t		 when;

	/* Nothing recorded yet, refused, given then withdrawn, or given. */
	if (d->borough) {
		r = demo_pick(d, 1000);
		none = 3;
		refused = 5;
		withdrawn = 10;
	} else
		r = demo_pick(d, 100);
	when = demo_when(d, 60, 300);
	if (r < none)
		return 0;
	demo_date(d, when, date);
	demo_date(d, when + 365 * DAY_MS, review);
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "state", val_text(r < refused ? "refused" :
	    "given") };
	f[2] = (struct field){ "given_by", val_text(d->npeople > 0 ?
	    d->pname[0] : "parent") };
	f[3] = (struct field){ "scope", val_text("Riverside core team "
	    "professionals") };
	f[4] = (struct field){ "date", val_text(date) };
	f[5] = (struct field){ "review", val_text(review) };
	if (demo_new(d, "consent", f, 6, NULL, cause) != 0)
		return -1;
	if (r < refused || r >= withdrawn)
		return 0;
	demo_date(d, demo_when(d, 5, 50), date);
	f[1].v = val_text("withdrawn");
	f[4].v = val_text(date);
	f[5].v = val_null();
	return demo_new(d, "consent", f, 6, NULL, cause);
}

/*
 * A contact, planned or done. In a borough a child is not brought about
 * once in seventy contacts, not eleven, and each family was seen in the
 * last ten days (its latest contact), so that a follow-up is late for a
 * few families, not for one in ten.
 */
static int
demo_family_contact(struct demo *d, const struct id *fam, int planned,
    int latest, char **cause)
{
	struct field	 f[10];
	char		 summary[400], follow[11], seen[27 * 2];
	int64_t		 at;
	struct id	 c;
	int		 k = demo_pick(d, (int)NELEM(demo_summaries));

	if (d->borough && strcmp(demo_summaries[k].kind, "not_brought") == 0 &&
	    demo_chance(d, 85))
		k = 0;
	/* One that fits the age of the child it names. */
	while (d->child_age < demo_summaries[k].from ||
	    d->child_age > demo_summaries[k].to)
		k = (k + 1) % (int)NELEM(demo_summaries);
	if (planned)
		at = d->ot->now + (1 + demo_pick(d, 14)) * DAY_MS;
	else if (d->borough)
		at = latest ? demo_when(d, 0, 10) : demo_when(d, 11, 182);
	else
		at = demo_when(d, 0, 182);
	demo_fill(summary, sizeof summary, demo_summaries[k].text,
	    demo_family_child(d));
	/* A child not brought was not seen. */
	seen[0] = '\0';
	if (d->npeople > 0 && (planned ||
	    strcmp(demo_summaries[k].kind, "not_brought") != 0))
		id_base32(&d->person[demo_pick(d, (int)d->npeople)], seen);
	demo_date(d, at + (7 + demo_pick(d, 21)) * DAY_MS, follow);
	demo_as(d, demo_someone(d));
	if (store_next_id(d->ot->st, &c, cause) != 0)
		return -1;
	f[0] = (struct field){ "contact", val_id(&c) };
	f[1] = (struct field){ "corrects", val_null() };
	f[2] = (struct field){ "family", val_id(fam) };
	f[3] = (struct field){ "at", val_int(at) };
	f[4] = (struct field){ "kind", val_text(planned ? "home_visit" :
	    demo_summaries[k].kind) };
	f[5] = (struct field){ "venue", val_text(demo_venues[demo_pick(d,
	    (int)NELEM(demo_venues))]) };
	f[6] = (struct field){ "seen", val_text(*seen ? seen : NULL) };
	f[7] = (struct field){ "summary", val_text(planned ? NULL : summary) };
	f[8] = (struct field){ "follow_up", val_text(!planned &&
	    demo_chance(d, 30) ? follow : NULL) };
	f[9] = (struct field){ "planned", val_int(planned) };
	if (store_new_id(d->ot->st, "contact", f, 10, &c, cause) != 0)
		return -1;
	if (planned || !demo_chance(d, 2))
		return 0;
	/* A correction: the record keeps both. */
	f[0] = (struct field){ "contact", val_id(&c) };
	f[1] = (struct field){ "corrects", val_id(&c) };
	f[7] = (struct field){ "summary", val_text("Correction: the visit "
	    "was with dad, not mum. Otherwise as recorded.") };
	return demo_new(d, "contact", f, 10, NULL, cause);
}

static int
demo_family_stories(struct demo *d, const struct id *fam, char **cause)
{
	struct field	 f[6];
	char		 body[400], back[11];
	struct id	 rev[NELEM(demo_story)];
	const char	*text;
	size_t		 k;
	int		 i, n = d->opts->stories;

	for (i = 0; i < n; i++) {
		int	s = i % (int)NELEM(demo_story);

		text = demo_story[s][1];
		for (k = 0; d->child_age >= 5 && k < NELEM(demo_story_older);
		    k++)
			if (strcmp(demo_story_older[k][0], demo_story[s][0]) ==
			    0)
				text = demo_story_older[k][1];
		demo_fill(body, sizeof body, text, demo_family_child(d));
		if (i >= (int)NELEM(demo_story))
			strncat(body, " Updated after the review: things are "
			    "steadier.", sizeof body - strlen(body) - 1);
		/* Read back to the family as it was written. */
		demo_date(d, d->ot->now, back);
		demo_as(d, demo_someone(d));
		f[0] = (struct field){ "family", val_id(fam) };
		f[1] = (struct field){ "section", val_text(demo_story[s][0]) };
		f[2] = (struct field){ "body", val_text(body) };
		f[3] = (struct field){ "base", i >= (int)NELEM(demo_story) ?
		    val_id(&rev[s]) : val_null() };
		f[4] = (struct field){ "base2", val_null() };
		f[5] = (struct field){ "read_back", val_text(demo_chance(d,
		    30) ? back : NULL) };
		if (demo_new(d, "story", f, 6, &rev[s], cause) != 0)
			return -1;
	}
	return 0;
}

/* The statuses a referral passes through, ending at its final one. */
static const char *const demo_family_paths[][5] = {
	{ "draft" },
	{ "sent" },
	{ "sent", "acknowledged" },
	{ "sent", "acknowledged", "accepted" },
	{ "sent", "declined" },
	{ "sent", "acknowledged", "accepted", "completed" },
	{ "draft", "withdrawn" },
	{ "sent", "accepted", "completed" },
};

static int
demo_family_referral(struct demo *d, const struct id *fam, int level,
    char **cause)
{
	static const char *const services[] = { "camhs",
	    "speech_language_therapy", "parenting_programme", "housing",
	    "domestic_abuse_service", "mash", "welfare_rights", "food_bank",
	    "educational_psychology", "perinatal_mental_health" };
	struct field	 f[10];
	char		 due[11];
	const char	*const *path = demo_family_paths[demo_pick(d,
			    (int)NELEM(demo_family_paths))];
	int		 s = demo_pick(d, (int)NELEM(services)), i;
	int64_t		 at = demo_when(d, 10, 120);
	struct id	 r;

	/* In a borough all but one in 20 left waiting have had an answer,
	 * and social care works with the families at level 4: others are
	 * referred elsewhere (not drawing again, so the demo's stay). */
	if (d->borough && (path == demo_family_paths[1] ||
	    path == demo_family_paths[2]) && !demo_chance(d, 5))
		path = demo_family_paths[3];
	if (d->borough && level < 4 && strcmp(services[s], "mash") == 0)
		s = 0;
	demo_as(d, demo_someone(d));
	referral_due_date(d->ot, services[s], strcmp(services[s], "mash") ==
	    0 ? "urgent" : "routine", at, due);
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "person", val_id(d->npeople > 1 ?
	    &d->person[d->npeople - 1] : NULL) };
	f[2] = (struct field){ "service", val_text(services[s]) };
	f[3] = (struct field){ "reason", val_text(strcmp(services[s],
	    "mash") == 0 ? "Disclosure at school of violence at home" :
	    "Family agreed this would help; see the family plan") };
	f[4] = (struct field){ "needs", val_text("health") };
	f[5] = (struct field){ "urgency", val_text(strcmp(services[s],
	    "mash") == 0 ? "urgent" : "routine") };
	f[6] = (struct field){ "basis", val_text(strcmp(services[s],
	    "mash") == 0 ? "safeguarding" : "consent") };
	f[7] = (struct field){ "basis_reason", val_text(strcmp(services[s],
	    "mash") == 0 ? "Risk of significant harm to the child" : NULL) };
	/* A draft is not sent: no answer is due. */
	f[8] = (struct field){ "response_due", val_text(path ==
	    demo_family_paths[0] ? NULL : due) };
	f[9] = (struct field){ "outcome", val_null() };
	if (demo_new(d, "referral", f, 10, &r, cause) != 0)
		return -1;
	for (i = 0; i < 5 && path[i] != NULL; i++) {
		struct field e[4] = {
			{ "referral", val_id(&r) },
			{ "status", val_text(path[i]) },
			{ "note", val_text(i > 0 ? "Confirmed by e-mail" :
			    NULL) },
			{ "at", val_int(at + (int64_t)i * 6 * DAY_MS) },
		};
		if (demo_new(d, "referral_event", e, 4, NULL, cause) != 0)
			return -1;
	}
	return 0;
}

static int
demo_family_flag(struct demo *d, const struct id *fam, char **cause)
{
	static const char *const codes[] = { "domestic_abuse_disclosure",
	    "repeated_not_brought", "imminent_eviction", "child_missing",
	    "parental_mental_health", "no_food_or_heating",
	    "persistent_absence", "exploitation_concern" };
	struct field	 f[5];
	struct id	 flag;
	int64_t		 at = demo_when(d, 0, 45);
	int		 r = demo_pick(d, 100);

	demo_as(d, demo_someone(d));
	f[0] = (struct field){ "family", val_id(fam) };
	f[1] = (struct field){ "person", val_null() };
	f[2] = (struct field){ "code", val_text(codes[demo_pick(d,
	    (int)NELEM(codes))]) };
	f[3] = (struct field){ "note", val_text("Raised after the home "
	    "visit; agreed response started") };
	f[4] = (struct field){ "at", val_int(at) };
	if (demo_new(d, "flag", f, 5, &flag, cause) != 0)
		return -1;
	d->flagged++;
	/* Not yet acknowledged: in a borough, one in ten. */
	if (r < (d->borough ? 10 : 40))
		return 0;
	demo_as(d, &d->staff[0]);
	{
		struct field e[4] = {
			{ "flag", val_id(&flag) }, { "what", val_text("ack") },
			{ "note", val_text("Discussed at the huddle") },
			{ "at", val_int(at + DAY_MS / 2) },
		};
		if (demo_new(d, "flag_event", e, 4, NULL, cause) != 0)
			return -1;
		if (r < 75)
			return 0;
		e[1].v = val_text("resolve");
		e[2].v = val_text("Family moved to safe accommodation");
		e[3].v = val_int(at + 3 * DAY_MS);
		return demo_new(d, "flag_event", e, 4, NULL, cause);
	}
}

static int
demo_family_action(struct demo *d, const struct id *fam, char **cause)
{
	static const char *const whats[] = {
		"Book a joint visit with housing",
		"Chase the CAMHS referral",
		"Send the family plan to school",
		"Arrange the review meeting",
		"Ask the GP for the health summary",
	};
	/* What was done, for each when it is done. */
	static const char *const notes[] = {
		"Visited with the housing officer; repairs are booked.",
		"CAMHS say the first appointment is in three weeks.",
		"Sent to the school's safeguarding lead, who has read it.",
		"Review booked at the children's centre; mum can come.",
		"The GP sent the summary; nothing new of concern.",
	};
	struct field	 f[7];
	char		 due[11];
	int		 done = demo_chance(d, 40), days, what;

	/* In a borough one open action in fifty is late, not a third. */
	if (!d->borough || done)
		days = demo_pick(d, 20) - 7;
	else if (demo_chance(d, 2))
		days = -1 - demo_pick(d, 7);
	else
		days = demo_pick(d, 20);
	demo_date(d, d->ot->now + (int64_t)days * DAY_MS, due);
	demo_as(d, &d->staff[0]);
	f[0] = (struct field){ "family", val_id(fam) };
	what = demo_pick(d, (int)NELEM(whats));
	f[1] = (struct field){ "what", val_text(whats[what]) };
	f[2] = (struct field){ "owner", val_id(demo_someone(d)) };
	f[3] = (struct field){ "due", val_text(due) };
	f[4] = (struct field){ "done", val_int(done) };
	f[5] = (struct field){ "done_at", done ? val_int(d->ot->now -
	    DAY_MS) : val_null() };
	f[6] = (struct field){ "done_note", done ? val_text(notes[what]) :
	    val_null() };
	return demo_new(d, "action", f, 7, NULL, cause);
}

int
demo_family(struct demo *d, char **cause)
{
	struct id	fam;
	int		n = (int)(d->index % NELEM(demo_names)), level, closed;
	int		i, contacts;
	size_t		p;

	for (p = 0; p < d->npeople; p++)
		free(d->pname[p]);
	d->npeople = 0;
	if (demo_family_record(d, n, &fam, &level, &closed, cause) != 0 ||
	    demo_family_episode(d, &fam, level, closed, cause) != 0 ||
	    demo_family_people(d, &fam, n, level, cause) != 0 ||
	    demo_family_consent(d, &fam, cause) != 0 ||
	    demo_family_stories(d, &fam, cause) != 0)
		return -1;
	contacts = d->opts->contacts / 2 + demo_pick(d, d->opts->contacts + 1);
	for (i = 0; i < contacts; i++)
		if (demo_family_contact(d, &fam, 0, i == contacts - 1,
		    cause) != 0)
			return -1;
	if (!closed && demo_chance(d, 50) && demo_family_contact(d, &fam, 1, 0,
	    cause))
		return -1;
	for (i = demo_chance(d, 55) + demo_chance(d, 25); i > 0; i--)
		if (demo_family_referral(d, &fam, level, cause) != 0)
			return -1;
	if (!closed && demo_rate(d, 22, 40) &&
	    demo_family_flag(d, &fam, cause) != 0)
		return -1;
	if (!closed && demo_chance(d, 45) &&
	    demo_family_action(d, &fam, cause) != 0)
		return -1;
	return 0;
}
