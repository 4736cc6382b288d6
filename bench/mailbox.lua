-- wrk script of `bench/run mailbox`: POSTs mail to /mailbox/inbound, nine
-- small text mails to one 1 MB mail with a PDF and an inline PNG.  Every
-- mail is new (a per-run nonce, the thread and a counter in its
-- Message-ID and body), so none is answered as a re-delivery.
-- BENCH_ROOT and BENCH_MAILBOX_TOKEN come from bench/run.
dofile(os.getenv("BENCH_ROOT") .. "/bench/report.lua")

local BIG_EVERY = 10			-- one 1 MB mail in ten
local PDF_LINES = 9000			-- 76 base64 characters each
local PNG_LINES = 3900

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local nthreads = 0

function setup(thread)
	nthreads = nthreads + 1
	thread:set("tid", nthreads)
end

local n, nonce, headers, big = 0, nil, nil, nil

local function base64_lines(count)
	local lines, chars = {}, {}
	for i = 1, count do
		for j = 1, 76 do
			local k = math.random(1, 64)
			chars[j] = B64:sub(k, k)
		end
		lines[i] = table.concat(chars)
	end
	return table.concat(lines, "\r\n")
end

function init(args)
	math.randomseed(os.time() * 100 + tid)
	nonce = string.format("%x%06x", os.time(), math.random(0, 0xffffff))
	headers = {
		["Content-Type"] = "message/rfc822",
		["Authorization"] = "Bearer " .. os.getenv("BENCH_MAILBOX_TOKEN"),
	}
	big = table.concat({
		"MIME-Version: 1.0",
		'Content-Type: multipart/mixed; boundary="=_bench_5f0e"',
		"",
		"--=_bench_5f0e",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"The scan of the invoice and a screenshot are attached.",
		"--=_bench_5f0e",
		"Content-Type: application/pdf",
		'Content-Disposition: attachment; filename="scan.pdf"',
		"Content-Transfer-Encoding: base64",
		"",
		base64_lines(PDF_LINES),
		"--=_bench_5f0e",
		'Content-Type: image/png; name="screen.png"',
		'Content-Disposition: inline; filename="screen.png"',
		"Content-ID: <screen@bench.example>",
		"Content-Transfer-Encoding: base64",
		"",
		base64_lines(PNG_LINES),
		"--=_bench_5f0e--",
		""}, "\r\n")
end

function request()
	n = n + 1
	local head = string.format("From: user%d@acme.example\r\n" ..
	    "To: help@msp.example\r\nSubject: Printer %d\r\n" ..
	    "Message-ID: <%s.%d.%d@bench.example>\r\n", tid, n, nonce, tid, n)
	local body
	if n % BIG_EVERY == 0 then
		body = head .. big
	else
		body = head .. "MIME-Version: 1.0\r\n" ..
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n" ..
		    string.format("Hello, this is mail %d of %s.%d: the " ..
		    "printer on floor 2 is jammed again.\r\n", n, nonce, tid)
	end
	return wrk.format("POST", wrk.path, headers, body)
end
