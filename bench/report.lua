-- wrk reporter: one machine-readable line per run, parsed by bench/run.
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
	    "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    summary.requests, e.status,
	    e.connect + e.read + e.write + e.timeout))
end
