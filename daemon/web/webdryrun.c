/*
 * webdryrun.c: the rows of an import's dry run as a table.  What the
 * reader could not understand is never hidden: unknown agency names
 * (with the closest ones), words of a timing phrase left unread, a
 * reading that took a default, a timing with no fixed date, each is a
 * flag in the row's last column, and the row is coloured by the worst.
 */
#include <string.h>

#include <event2/buffer.h>

#include "webdryrun.h"
#include "webhtml.h"

/* "2023-01-30" as "30/01/2023". */
static void
iso_day(struct evbuffer *b, const char *s)
{
	if (s != NULL && strlen(s) == 10 && s[4] == '-' && s[7] == '-')
		evbuffer_add_printf(b, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
	else
		web_esc(b, s);
}

static const char *
kind_label(const char *k)
{
	if (k == NULL)
		return "?";
	if (strcmp(k, "once") == 0)
		return "một lần";
	if (strcmp(k, "window") == 0)
		return "trong khoảng";
	if (strcmp(k, "recur") == 0)
		return "định kỳ";
	if (strcmp(k, "ongoing") == 0)
		return "thường xuyên";
	if (strcmp(k, "unknown") == 0)
		return "khác";
	return k;
}

/* A JSON array of strings as a comma list, or "—". */
static void
str_list(struct evbuffer *b, json_t *a)
{
	size_t i;
	json_t *v;

	if (!json_is_array(a) || json_array_size(a) == 0) {
		evbuffer_add_printf(b, "—");
		return;
	}
	json_array_foreach(a, i, v) {
		if (i > 0)
			evbuffer_add_printf(b, ", ");
		web_esc(b, json_string_value(v));
	}
}

static void
reading_cell(struct evbuffer *b, json_t *rd)
{
	json_t *dues = json_object_get(rd, "dues"), *notes, *v;
	const char *kind = json_string_value(json_object_get(rd, "kind"));
	const char *s;
	size_t i;
	int unread;

	evbuffer_add_printf(b, "<div class=\"phrase\">");
	web_esc(b, json_string_value(json_object_get(rd, "phrase")));
	/* "unknown" is also the JSON's kind of a relative or event rule. */
	unread = json_is_string(json_object_get(rd, "unread"));
	evbuffer_add_printf(b, "</div><span class=\"badge%s\">%s</span>",
	    unread ? " late" : kind != NULL && strcmp(kind, "unknown") == 0 ?
	    " wait" : "", unread ? "chưa hiểu" : kind_label(kind));
	if (!unread && kind != NULL && strcmp(kind, "unknown") == 0 &&
	    (s = json_string_value(json_object_get(rd, "rule"))) != NULL) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_esc(b, s);
		evbuffer_add_printf(b, "</span>");
	}
	if ((s = json_string_value(json_object_get(rd, "rrule"))) != NULL) {
		evbuffer_add_printf(b, " <span class=\"muted\">");
		web_esc(b, s);
		evbuffer_add_printf(b, "</span>");
	}
	if (json_array_size(dues) > 0) {
		evbuffer_add_printf(b, "<div>Hạn: ");
		json_array_foreach(dues, i, v) {
			if (i > 0)
				evbuffer_add_printf(b, ", ");
			iso_day(b, json_string_value(v));
		}
		evbuffer_add_printf(b, "%s</div>", json_array_size(dues) >= 3 ?
		    ", …" : "");
	}
	if ((s = json_string_value(json_object_get(rd, "from"))) != NULL) {
		evbuffer_add_printf(b, "<div>Từ ");
		iso_day(b, s);
		evbuffer_add_printf(b, "</div>");
	}
	if ((s = json_string_value(json_object_get(rd, "until"))) != NULL) {
		evbuffer_add_printf(b, "<div>Đến ");
		iso_day(b, s);
		evbuffer_add_printf(b, "</div>");
	}
	notes = json_object_get(rd, "notes");
	json_array_foreach(notes, i, v) {
		evbuffer_add_printf(b, "<div class=\"muted\">");
		web_esc(b, json_string_value(v));
		evbuffer_add_printf(b, "</div>");
	}
}

/* The flags of row R: problems, unread words, ambiguity; 0 if none. */
static int
row_flags(struct evbuffer *b, json_t *r)
{
	json_t *probs = json_object_get(r, "problems"), *v;
	json_t *rd = json_object_get(r, "reading");
	const char *s;
	size_t i;
	int n = 0;

	json_array_foreach(probs, i, v) {
		evbuffer_add_printf(b, "<div class=\"flag bad\"><b>");
		web_esc(b, json_string_value(json_object_get(v, "column")));
		evbuffer_add_printf(b, ":</b> ");
		web_esc(b, json_string_value(json_object_get(v, "problem")));
		evbuffer_add_printf(b, "</div>");
		n++;
	}
	if ((s = json_string_value(json_object_get(rd, "unread"))) != NULL) {
		evbuffer_add_printf(b, "<div class=\"flag bad\">Chưa hiểu: "
		    "“");
		web_esc(b, s);
		evbuffer_add_printf(b, "”</div>");
		n++;
	}
	if (!json_is_string(json_object_get(rd, "unread")) &&
	    (s = json_string_value(json_object_get(rd, "kind"))) != NULL &&
	    strcmp(s, "unknown") == 0 &&
	    json_array_size(json_object_get(rd, "dues")) == 0) {
		evbuffer_add_printf(b, "<div class=\"flag warn\">Không có "
		    "ngày hạn cố định: xem ghi chú</div>");
		n++;
	}
	if (json_is_true(json_object_get(rd, "ambiguous"))) {
		evbuffer_add_printf(b, "<div class=\"flag warn\">Hiểu chưa "
		    "chắc chắn: đã chọn mặc định (xem ghi chú)</div>");
		n++;
	}
	return n;
}

void
web_dry_table(struct evbuffer *b, json_t *rows)
{
	json_t *r, *v;
	size_t i, k;
	const char *ref;
	int bad;

	evbuffer_add_printf(b, "<div class=\"wrap\"><table class=\"stack "
	    "dry\" id=\"rows\"><thead><tr><th>Dòng</th><th>Nhiệm vụ</th>"
	    "<th>Thời hạn được hiểu</th><th>Chủ trì</th><th>Phối hợp</th>"
	    "<th>Vấn đề</th></tr></thead><tbody>");
	json_array_foreach(rows, i, r) {
		if (json_is_true(json_object_get(r, "heading"))) {
			evbuffer_add_printf(b, "<tr class=\"section\"><td "
			    "colspan=\"6\">");
			web_esc(b, json_string_value(json_object_get(r,
			    "short_title")));
			evbuffer_add_printf(b, "</td></tr>");
			continue;
		}
		bad = json_array_size(json_object_get(r, "problems")) > 0 ||
		    json_is_string(json_object_get(json_object_get(r,
		    "reading"), "unread"));
		evbuffer_add_printf(b, "<tr class=\"%s\" data-row=\"%lld\">"
		    "<td data-l=\"Dòng\">%lld", bad ? "bad" :
		    json_is_true(json_object_get(json_object_get(r, "reading"),
		    "ambiguous")) ? "warn" : "good",
		    (long long)json_integer_value(json_object_get(r, "row")),
		    (long long)json_integer_value(json_object_get(r, "row")));
		if ((ref = json_string_value(json_object_get(r, "ref"))) !=
		    NULL) {
			evbuffer_add_printf(b, " <span class=\"muted\">(TT ");
			web_esc(b, ref);
			evbuffer_add_printf(b, ")</span>");
		}
		if ((v = json_object_get(r, "table")) != NULL &&
		    json_is_string(v)) {
			evbuffer_add_printf(b, "<div class=\"muted\">");
			web_esc(b, json_string_value(v));
			evbuffer_add_printf(b, "</div>");
		}
		evbuffer_add_printf(b, "</td><td data-l=\"Nhiệm vụ\">");
		web_esc(b, json_string_value(json_object_get(r,
		    "short_title")));
		if ((ref = json_string_value(json_object_get(r, "section"))) !=
		    NULL) {
			evbuffer_add_printf(b, "<div class=\"muted\">Mục: ");
			web_esc(b, ref);
			evbuffer_add_printf(b, "</div>");
		}
		json_array_foreach(json_object_get(r, "decisions"), k, v) {
			evbuffer_add_printf(b, "<div class=\"muted\">");
			web_esc(b, json_string_value(v));
			evbuffer_add_printf(b, "</div>");
		}
		evbuffer_add_printf(b, "</td><td data-l=\"Thời hạn\">");
		if ((v = json_object_get(r, "reading")) != NULL)
			reading_cell(b, v);
		else
			evbuffer_add_printf(b, "—");
		evbuffer_add_printf(b, "</td><td data-l=\"Chủ trì\">");
		str_list(b, json_object_get(r, "lead"));
		evbuffer_add_printf(b, "</td><td data-l=\"Phối hợp\">");
		str_list(b, json_object_get(r, "cooperating"));
		evbuffer_add_printf(b, "</td><td data-l=\"Vấn đề\">");
		if (row_flags(b, r) == 0)
			evbuffer_add_printf(b, "<span class=\"ok\">đọc được"
			    "</span>");
		evbuffer_add_printf(b, "</td></tr>");
	}
	evbuffer_add_printf(b, "</tbody></table></div>");
}

