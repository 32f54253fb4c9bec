/* postpass.c - the post-pass, once the files are stored: every record
 * is read again to place it and link it to the plan, the ranked lists
 * are rebuilt from the same pass, and what a bulk build deferred and the
 * stored summaries follow. One transaction; each step in a file of its
 * own (postpass_int.h), run here in order and timed by phase. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"
#include "polidex/track.h"

/* The seconds since *t, added to the phase's time; *t is now. */
static void lap(pdx_postpass_stats *st, int phase, double *t)
{
	double now = pdx_now();
	st->seconds[phase] += now - *t;
	*t = now;
}

/* The pass on what changed (postpass_inc.c says when): the document
 * frequencies moved by the records deleted and added, the ranked lists
 * read back and the deleted records counted out of them, the new records
 * placed, linked and counted in; the tracker and the summaries as in a
 * whole pass. */
static int run_incremental(pdx_db *db, unsigned flags, postpass_model *model,
			   const postpass_state *state,
			   pdx_postpass_stats *st, pdx_df *words, postpass_ranked *ranked,
			   postpass_pillar_map *map, double *clock)
{
	uint8_t *changed = NULL;
	size_t nchanged = 0;
	int rc = postpass_inc_vocab_load(db, state, words);
	if (rc == PDX_OK)
		rc = postpass_inc_df(db, state, words, &changed, &nchanged);
	lap(st, POSTPASS_T_DF, clock);
	if (rc == PDX_OK)
		rc = postpass_ranked_load(ranked, db, words, state);
	if (rc == PDX_OK)
		rc = postpass_model_build(model, words);
	if (rc == PDX_OK)
		rc = postpass_unrank_gone(model, ranked);
	lap(st, POSTPASS_T_PLAN, clock);
	/* the pass places the new records alone: the map is read whole
	 * before the summaries */
	map->none = true;
	postpass_model_only_new(model, state->max_id);
	if (rc == PDX_OK)
		rc = postpass_place(model, ranked, map);
	if (rc == PDX_OK)
		rc = db_links_drop_copies_new(db);
	lap(st, POSTPASS_T_PLACE, clock);
	if (rc == PDX_OK)
		rc = postpass_ranked_store_changed(ranked, db);
	lap(st, POSTPASS_T_RANKED, clock);
	/* the tracker's step runs whole when the statuses changed or its
	 * tables were never filled (an older database) */
	char *tracked = NULL;
	if (rc == PDX_OK && db_meta_get(db, TRACK_META, &tracked) != PDX_OK)
		rc = PDX_ERR;
	bool whole = (flags & POSTPASS_RETRACK) || !tracked;
	free(tracked);
	if (rc == PDX_OK)
		rc = postpass_track(db, whole ? -1 : state->max_id, st->track_why,
				    sizeof st->track_why);
	if (whole)
		snprintf(st->track_why, sizeof st->track_why, "%s", (flags & POSTPASS_RETRACK)
			 ? "whole: the analysts' statuses changed" : "whole: the tracker's tables were empty");
	lap(st, POSTPASS_T_TRACK, clock);
	/* the summaries by difference: the deleted records were counted out
	 * as they went; else whole */
	if (rc == PDX_OK && db_summary_is_kept(db)) {
		rc = db_summary_add_new(db);
	} else {
		if (rc == PDX_OK)
			rc = postpass_pillar_map_load(db, map, words->nrec);
		if (rc == PDX_OK)
			rc = postpass_summaries(db, map);
	}
	lap(st, POSTPASS_T_SUMMARY, clock);
	int64_t nrow, ntok;
	postpass_ranked_totals(ranked, &nrow, &ntok);
	if (rc == PDX_OK)
		rc = postpass_inc_save(db, words, changed, nchanged,
				       state->bound - st->gone - st->added, nrow, ntok);
	free(changed);
	return rc;
}

int postpass_run(pdx_db *db, unsigned flags, const pdx_ranked_params *rp, pdx_df *df,
		 pdx_postpass_stats *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	pdx_df words = { 0 };			/* the vocabulary, by pass 1 */
	postpass_ranked ranked = { 0 };		/* the lists being built */
	postpass_pillar_map map = { 0 };	/* every record's pillar */
	postpass_model *model = NULL;
	postpass_state state;
	postpass_change change = { 0 };
	/* on what changed, when the last pass left what it needs and little
	 * changed since (decided before the works move anything) */
	if (postpass_inc_state(db, &state) ||
	    (!(flags & (POSTPASS_EVALUATE | POSTPASS_BULK)) && !df &&
	     postpass_inc_decide(db, &state, &change, st->why, sizeof st->why))) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		return PDX_ERR;
	}
	if (flags & (POSTPASS_EVALUATE | POSTPASS_BULK))
		snprintf(st->why, sizeof st->why, "%s",
			 flags & POSTPASS_BULK ? "a first build" : "--x-pillar-eval");
	else if (df)
		snprintf(st->why, sizeof st->why, "every record was stored anew");
	st->gone = change.gone;
	st->added = change.added;
	/* 0. the works and their renditions: a copy neither shapes the
	 * plan's model nor is counted (its own transaction: the model is
	 * read before the pass's) */
	double clock = pdx_now();
	long moved = 0;
	if (db_begin(db) || db_works_refresh(db, change.incremental ? state.max_id : -1, &moved) ||
	    db_commit(db)) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		db_rollback(db);
		return PDX_ERR;
	}
	if (change.incremental && moved) {
		change.incremental = false;
		snprintf(st->why, sizeof st->why, "%ld unchanged document%s became or stopped being a copy",
			 moved, moved == 1 ? "" : "s");
	}
	st->incremental = change.incremental;
	lap(st, POSTPASS_T_WORKS, &clock);
	int rc = postpass_model_new(&model, db, flags, st);
	lap(st, POSTPASS_T_PLAN, &clock);
	if (rc) {
		snprintf(err, errlen, rc == PDX_ENOMEM ? "out of memory"
			 : "cannot load the " TOKENIZER_NAME " tokenizer");
		return PDX_ERR;
	}
	if (db_begin(db)) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		postpass_model_free(model);
		return PDX_ERR;
	}

	if (change.incremental) {
		rc = run_incremental(db, flags, model, &state, st, &words, &ranked, &map, &clock);
		goto commit;
	}

	/* 1. the document frequencies of every record's words (counted
	 * as the files were stored, or now) */
	rc = postpass_df(db, df, &words);
	lap(st, POSTPASS_T_DF, &clock);

	/* 2. which words get ranked lists, by those frequencies; 3. the
	 * plan's model that places the records */
	if (rc == PDX_OK)
		rc = postpass_ranked_plan(&ranked, &words, rp);
	if (rc == PDX_OK)
		rc = postpass_model_build(model, &words);
	lap(st, POSTPASS_T_PLAN, &clock);

	/* 4. every record placed and linked, and counted into the lists */
	if (rc == PDX_OK)
		rc = postpass_place(model, &ranked, &map);
	if (rc == PDX_OK)
		rc = db_links_drop_copies(db);
	lap(st, POSTPASS_T_PLACE, &clock);

	/* 5. the ranked lists stored */
	if (rc == PDX_OK)
		rc = postpass_ranked_store(&ranked, db, rp->df_min);
	lap(st, POSTPASS_T_RANKED, &clock);

	/* 6. a bulk build's deferred indexes */
	if (rc == PDX_OK)
		rc = postpass_indexes(db, flags);
	lap(st, POSTPASS_T_INDEXES, &clock);

	/* 7. the tracker: requirements, inherited issuers and evidence,
	 * with the records placed and linked (before the summaries, which
	 * count the issuers) */
	if (rc == PDX_OK)
		rc = postpass_track(db, -1, NULL, 0);
	lap(st, POSTPASS_T_TRACK, &clock);

	/* 8. the stored summaries, with the pillars placed */
	if (rc == PDX_OK)
		rc = postpass_summaries(db, &map);
	lap(st, POSTPASS_T_SUMMARY, &clock);

	/* 9. what the next pass starts from */
	if (rc == PDX_OK) {
		int64_t nrow, ntok;
		postpass_ranked_totals(&ranked, &nrow, &ntok);
		rc = postpass_inc_save(db, &words, NULL, 0, -1, nrow, ntok);
	}

commit:
	if (rc == PDX_OK && db_commit(db))
		rc = PDX_ERR;
	lap(st, POSTPASS_T_COMMIT, &clock);
	if (rc) {
		snprintf(err, errlen, "%s", rc == PDX_ENOMEM ? "out of memory" : db_errmsg(db));
		db_rollback(db);
	}
	postpass_model_free(model);
	postpass_ranked_clear(&ranked);
	postpass_pillar_map_clear(&map);
	vocab_clear(&words.v);
	return rc;
}
