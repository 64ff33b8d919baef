/*
 * webtrack.c: the words and small pieces the tracking office's pages
 * share.  States reach the pages as the enums of state.h; these give
 * each its Vietnamese word, so a page never shows the schema's English.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>

#include "tztime.h"
#include "webhtml.h"
#include "webtrack.h"
#include "workday.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *
word(const char *const *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n && v[i] != NULL ? v[i] : "?";
}

const char *
wt_msg_state(enum msg_state s)
{
	static const char *const v[MSG_NSTATES] = {
		[MSG_QUEUED] = "chờ gửi", [MSG_SENDING] = "đang gửi",
		[MSG_SENT] = "đã gửi", [MSG_DELIVERED] = "đã đến máy",
		[MSG_FAILED] = "lỗi, chuyển kênh khác",
		[MSG_DEAD] = "không gửi được", [MSG_CANCELLED] = "đã hủy",
	};

	return word(v, NELEM(v), s);
}

const char *
wt_msg_class(enum msg_state s)
{
	switch (s) {
	case MSG_SENT:
	case MSG_DELIVERED:
		return "ok";
	case MSG_FAILED:
	case MSG_DEAD:
		return "late";
	default:
		return "wait";
	}
}

const char *
wt_occ_state(enum occ_state s)
{
	static const char *const v[OCC_NSTATES] = {
		[OCC_OPEN] = "đang thực hiện", [OCC_DONE] = "hoàn thành",
		[OCC_CANCELLED] = "đã hủy",
	};

	return word(v, NELEM(v), s);
}

const char *
wt_job_kind(enum job_kind k)
{
	static const char *const v[JOB_NKINDS] = {
		[JOB_REMINDER] = "nhắc việc", [JOB_ESCALATION] = "đôn đốc",
		[JOB_ALERT] = "thông báo",
	};

	return word(v, NELEM(v), k);
}

const char *
wt_ext_state(enum ext_state s)
{
	static const char *const v[EXT_NSTATES] = {
		[EXT_PENDING] = "chờ duyệt", [EXT_APPROVED] = "đã đồng ý",
		[EXT_DECLINED] = "không đồng ý", [EXT_WITHDRAWN] = "không còn",
	};

	return word(v, NELEM(v), s);
}

const char *
wt_event_kind(enum event_kind k)
{
	static const char *const v[EV_NKINDS] = {
		[EV_CREATED] = "tạo hạn", [EV_DONE] = "hoàn thành",
		[EV_CANCELLED] = "hủy", [EV_EXTENDED] = "đổi hạn",
		[EV_SKIPPED] = "bỏ qua lượt gửi", [EV_REMINDED] = "nhắc việc",
		[EV_ESCALATED] = "đôn đốc", [EV_ALERTED] = "thông báo",
		[EV_FAILED] = "gửi lỗi", [EV_DEAD] = "không gửi được",
		[EV_UNDELIVERED] = "không đến máy",
		[EV_ALERT] = "báo người vận hành", [EV_TOKEN] = "làm mới khóa",
		[EV_AUTH] = "cấp quyền kênh", [EV_IN_DOUBT] = "chưa rõ đã gửi",
		[EV_REPLY_REFUSED] = "trả lời không nhận",
		[EV_RETRY] = "gửi lại", [EV_CANCEL] = "hủy tin",
		[EV_WEB_LOGIN] = "đăng nhập",
		[EV_WEB_REFUSED] = "từ chối đăng nhập",
		[EV_WEB_USER] = "tài khoản",
		[EV_WEB_LINK] = "đường dẫn riêng",
		[EV_PROGRESS] = "báo cáo tiến độ",
		[EV_EXT_REQUESTED] = "xin gia hạn",
		[EV_EXT_APPROVED] = "đồng ý gia hạn",
		[EV_EXT_DECLINED] = "không đồng ý gia hạn",
		[EV_RESENT] = "gửi lại lời nhắc",
	};

	return word(v, NELEM(v), k);
}

/*
 * Asking the calendar about a day builds that day's year, so the days
 * are counted once: CUM[K] is how many of the K days up to today
 * (today, yesterday, ...) are working days, kept for today and this
 * calendar and grown as older deadlines need it.  The pages run in the
 * daemon's one thread.
 */
#define LATE_MAX	3660

static struct {
	const struct calendar *cal;
	time_t		 today;		/* local midnight it was built on */
	int		 n;		/* CUM[0..N] are known */
	int		 cum[LATE_MAX + 1];
} late;

int
wt_days_late(const struct calendar *cal, time_t due, time_t now)
{
	time_t today = local_day_at(now, 0, 0);
	int d;

	if (now <= due)
		return 0;
	if ((d = local_days_between(due, now)) <= 0)
		return 0;
	if (d > LATE_MAX)
		d = LATE_MAX;
	if (late.cal != cal || late.today != today) {
		late.cal = cal;
		late.today = today;
		late.n = 0;
		late.cum[0] = 0;
	}
	for (; late.n < d; late.n++)
		late.cum[late.n + 1] = late.cum[late.n] +
		    (wd_is_workday(cal, local_day_at(now, -late.n, 0)) ? 1 : 0);
	return late.cum[d];
}

time_t
wt_week_end(time_t now)
{
	/* 1 January 2024 was a Monday. */
	int d = local_days_between(local_make(2024, 1, 1, 0), now);
	int wd = ((d % 7) + 7) % 7;

	return local_day_at(now, 7 - wd, 0);
}

void
wt_ymd(time_t t, char *buf, size_t len)
{
	struct tm tm;

	buf[0] = '\0';
	if (t != 0 && localtime_r(&t, &tm) != NULL)
		strftime(buf, len, "%Y-%m-%d", &tm);
}

const char *
wt_seg(const char *s, char *buf, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	for (; *p != '\0'; p++) {
		if (n + 4 > len) {
			buf[0] = '\0';
			return buf;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf[n++] = (char)*p;
		else {
			buf[n++] = '%';
			buf[n++] = hex[*p >> 4];
			buf[n++] = hex[*p & 15];
		}
	}
	buf[n] = '\0';
	return buf;
}

void
wt_badge(struct evbuffer *b, const char *cls, const char *text)
{
	evbuffer_add_printf(b, "<span class=\"badge %s\">", cls);
	web_esc(b, text);
	evbuffer_add_printf(b, "</span>");
}

void
wt_occ_badge(struct evbuffer *b, enum occ_state s, time_t due, time_t now)
{
	if (s == OCC_OPEN && due < now)
		wt_badge(b, "late", "quá hạn");
	else
		wt_badge(b, s == OCC_DONE ? "ok" : s == OCC_OPEN ? "wait" : "",
		    wt_occ_state(s));
}
