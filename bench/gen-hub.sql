-- bench/run hub's data, on top of gen-customers.sql's 2,000 customers:
-- skewed as an MSP's book is: customers bench-1 .. bench-5 are large
-- (the largest, bench-1, the most), the rest small.  Counts kept on write
-- are rebuilt at the end from what was inserted.
--   100,000 contacts     2,000,000 timeline events     20,000 invoices
--   100,000 devices      100,000 assets
-- Sizes per customer: weight w = 40 for bench-1, 20 for bench-2..5, else
-- 1; for devices and assets wd = 116 and 58 (thousands), else 1.
CREATE TEMPORARY TABLE bench_c (id BIGINT UNSIGNED PRIMARY KEY, n INT, w INT,
    wd INT)
SELECT id, CAST(SUBSTRING(external_ref, 7) AS UNSIGNED) AS n,
	CASE WHEN external_ref = 'bench-1' THEN 40
	     WHEN CAST(SUBSTRING(external_ref, 7) AS UNSIGNED) <= 5 THEN 20
	     ELSE 1 END AS w,
	CASE WHEN external_ref = 'bench-1' THEN 116
	     WHEN CAST(SUBSTRING(external_ref, 7) AS UNSIGNED) <= 5 THEN 58
	     ELSE 1 END AS wd
FROM customers WHERE external_ref LIKE 'bench-%';

-- 100,000 contacts: 47 per small customer, 47 * w for the large ones.
INSERT INTO contacts (customer_id, name, email, phone, status, created_at,
    updated_at)
SELECT c.id, CONCAT(ELT(1 + s.seq MOD 8, 'Ada', 'Bo', 'Cy', 'Di', 'Ed',
	    'Flo', 'Gus', 'Hal'), ' ', ELT(1 + (s.seq DIV 8) MOD 6, 'Berg',
	    'Costa', 'Dahl', 'Ek', 'Falk', 'Gray'), ' ', s.seq),
	CONCAT('p', s.seq, '@bench', c.n, '.example'),
	CONCAT('+1 555 ', s.seq), IF(s.seq MOD 10 = 0, 'deactivated', 'active'),
	UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM bench_c c JOIN seq_1_to_2000 s ON s.seq <= 47 * c.w;

-- 2,000,000 timeline events: 946 per small customer, 946 * w for the
-- large ones, one a minute back from now, of a few kinds.
INSERT INTO timeline_events (customer_id, occurred_at, source, kind, summary,
    object_type, object_id)
SELECT c.id, UTC_TIMESTAMP(6) - INTERVAL s.seq MINUTE, 'msphub',
	ELT(1 + s.seq MOD 5, 'contact.created', 'contact.updated',
	    'location.updated', 'customer.updated', 'contact.deleted'),
	CONCAT('Bench event ', s.seq), 'contact', s.seq
FROM bench_c c JOIN seq_1_to_38000 s ON s.seq <= 946 * c.w;

-- 100,000 devices and 100,000 assets: 42 per small customer, 42 * wd for
-- the large ones; a third of the warranties ended.
INSERT INTO devices (customer_id, name, machine_name, type, availability,
    os_name, ip_addresses, last_seen_at, alerts_warning, created_at,
    updated_at)
SELECT c.id, CONCAT('ws-', LPAD(s.seq, 5, '0')), CONCAT('B', c.n, '-M', s.seq),
	ELT(1 + s.seq MOD 8, 'pc', 'server', 'mac', 'linux', 'snmp', 'tcp',
	    'http', 'generic'),
	ELT(1 + s.seq MOD 4, 'online', 'offline', 'unreachable', 'retired'),
	'Windows 11 Pro', CONCAT('10.', c.n MOD 250, '.', s.seq DIV 250, '.',
	    s.seq MOD 250), UTC_TIMESTAMP(6) - INTERVAL s.seq MINUTE,
	s.seq MOD 3, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM bench_c c JOIN seq_1_to_5000 s ON s.seq <= 42 * c.wd;

INSERT INTO assets (customer_id, name, type, status, serial, purchase_date,
    warranty_expiry, created_at, updated_at)
SELECT c.id, CONCAT('Asset ', s.seq), ELT(1 + s.seq MOD 4, 'Laptop',
	    'Desktop', 'Printer', 'Switch'),
	ELT(1 + s.seq MOD 5, 'in_use', 'in_stock', 'purchased', 'damaged',
	    'retired'), CONCAT('SN', c.n, '-', s.seq),
	UTC_DATE() - INTERVAL (s.seq MOD 2000) DAY,
	UTC_DATE() + INTERVAL CAST(s.seq MOD 1500 AS SIGNED) - 500 DAY,
	UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM bench_c c JOIN seq_1_to_5000 s ON s.seq <= 42 * c.wd;

-- 20,000 invoices: 10 per small customer, 10 * w for the large ones, sent,
-- paid or draft, some past due.
INSERT INTO invoices (customer_id, number, issue_date, due_date, currency,
    total_minor, status, paid_minor, created_at, updated_at)
SELECT c.id, CONCAT('B', c.n, '-', s.seq), UTC_DATE() - INTERVAL s.seq DAY,
	UTC_DATE() - INTERVAL s.seq DAY + INTERVAL 30 DAY, 'EUR',
	10000 + s.seq * 7, ELT(1 + s.seq MOD 3, 'sent', 'paid', 'draft'),
	IF(s.seq MOD 3 = 1, 10000 + s.seq * 7, 0), UTC_TIMESTAMP(6),
	UTC_TIMESTAMP(6)
FROM bench_c c JOIN seq_1_to_400 s ON s.seq <= 10 * c.w;

DELETE FROM customer_counts WHERE customer_id IN (SELECT id FROM bench_c);
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'contacts', COUNT(*) FROM contacts
WHERE customer_id IN (SELECT id FROM bench_c) GROUP BY customer_id;
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, CONCAT('sites_by_status:', status), COUNT(*)
FROM locations WHERE customer_id IN (SELECT id FROM bench_c)
GROUP BY customer_id, status;
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'devices', COUNT(*) FROM devices
WHERE customer_id IN (SELECT id FROM bench_c) GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('devices_by_type:', type), COUNT(*)
FROM devices WHERE customer_id IN (SELECT id FROM bench_c)
GROUP BY customer_id, type
UNION ALL SELECT customer_id, 'assets_owned', COUNT(*) FROM assets
WHERE customer_id IN (SELECT id FROM bench_c) GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('assets_by_status:', status), COUNT(*)
FROM assets WHERE customer_id IN (SELECT id FROM bench_c)
GROUP BY customer_id, status
UNION ALL SELECT customer_id, 'invoices', COUNT(*) FROM invoices
WHERE customer_id IN (SELECT id FROM bench_c) GROUP BY customer_id
UNION ALL SELECT customer_id, 'invoiced_minor:EUR', SUM(total_minor)
FROM invoices WHERE customer_id IN (SELECT id FROM bench_c)
AND status <> 'draft' GROUP BY customer_id
UNION ALL SELECT customer_id, 'open_minor:EUR', SUM(total_minor - paid_minor)
FROM invoices WHERE customer_id IN (SELECT id FROM bench_c)
AND status <> 'draft' GROUP BY customer_id;
