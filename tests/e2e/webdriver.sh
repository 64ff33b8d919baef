# webdriver.sh: a few WebDriver calls (the W3C protocol, over curl) to
# drive headless Chromium through chromedriver, for the page tests.
# Sourced after lib.sh.  The browser gets a fresh profile and everything
# that would reach the internet switched off.

WD_PORT=""
WD_PID=""
WD_SID=""

# wd_ready SECONDS: whether chromedriver says it is ready in time.  A
# slow start on a loaded machine is tried again on another port, and is
# no failure of the test unless every try is.
wd_ready() {
	end=$(( $(now_ms) + $1 * 1000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		curl -sf "http://127.0.0.1:$WD_PORT/status" 2>/dev/null |
		    grep -q '"ready": *true' && return 0
		sleep 0.1
	done
	return 1
}

# wd_start: runs chromedriver on a free port and opens a session.
wd_start() {
	for _ in 1 2 3 4 5; do
		WD_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 30000 ))
		chromedriver --port="$WD_PORT" --allowed-ips=127.0.0.1 \
		    > "$T/chromedriver.log" 2>&1 &
		WD_PID=$!
		if wd_ready 15; then
			break
		fi
		kill "$WD_PID" 2>/dev/null
		WD_PID=""
	done
	[ -n "$WD_PID" ] || return 1
	# A profile of its own each session: no cookie of an earlier one.
	WD_PROFILE=$(mktemp -d "$T/profile.XXXXXX")
	WD_SID=$(curl -s -X POST "http://127.0.0.1:$WD_PORT/session" \
	    -H 'Content-Type: application/json' --data "{\"capabilities\":
	    {\"alwaysMatch\": {\"browserName\": \"chrome\",
	    \"goog:chromeOptions\": {\"binary\": \"/usr/bin/chromium\",
	    \"args\": [\"--headless\", \"--no-sandbox\", \"--disable-gpu\",
	    \"--disable-background-networking\", \"--disable-component-update\",
	    \"--disable-sync\", \"--user-data-dir=$WD_PROFILE\"]}}}}" |
	    jq -r '.value.sessionId // empty')
	[ -n "$WD_SID" ]
}

wd_stop() {
	[ -n "$WD_SID" ] && curl -s -X DELETE \
	    "http://127.0.0.1:$WD_PORT/session/$WD_SID" >/dev/null
	[ -n "$WD_PID" ] && kill "$WD_PID" 2>/dev/null
	WD_SID=""
	WD_PID=""
}

wd() {	# wd METHOD PATH [JSON]: a session command; prints .value
	curl -s -X "$1" "http://127.0.0.1:$WD_PORT/session/$WD_SID$2" \
	    -H 'Content-Type: application/json' ${3:+--data "$3"} |
	    jq -r '.value | if type == "object" then
	        (.["element-6066-11e4-a52e-4f735466cecf"] // tostring)
	        else tostring end'
}

wd_open() { wd POST /url "{\"url\": \"$1\"}" >/dev/null; }
wd_find() { wd POST /element "{\"using\": \"css selector\", \"value\": \"$1\"}"; }
wd_text() { wd GET "/element/$(wd_find "$1")/text"; }
wd_click() { wd POST "/element/$(wd_find "$1")/click" '{}' >/dev/null; }
# wd_type SELECTOR TEXT: types TEXT into the field.
wd_type() {
	wd POST "/element/$(wd_find "$1")/value" \
	    "$(jq -cn --arg t "$2" '{text: $t}')" >/dev/null
}
# wd_size W H: the window's size, as a phone's or a desktop's.
wd_size() {
	wd POST /window/rect "{\"width\": $1, \"height\": $2}" >/dev/null
}
# wd_shot FILE: a screenshot of the page as PNG.
wd_shot() { wd GET /screenshot | base64 -d > "$1"; }
# wd_url: where the browser is now.
wd_url() { wd GET /url; }
# wd_wait SELECTOR [SECS]: waits until the page has the element; a click
# that submits a form returns before the answer has loaded.
wd_has() { ! wd_find "$1" | grep -q '"error"'; }
wd_wait() { wait_for "${2:-10}" "the page's $1" wd_has "$1"; }
