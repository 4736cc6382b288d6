-- bench/run hub's data, on top of gen-customers.sql's 2,000 customers:
-- skewed as an MSP's book is: customers bench-1 .. bench-5 are large
-- (the largest, bench-1, the most), the rest small.  Counts kept on write
-- are rebuilt at the end from what was inserted.
--   100,000 contacts     2,000,000 timeline events
-- Sizes per customer: weight w = 40 for bench-1, 20 for bench-2..5, else 1.
CREATE TEMPORARY TABLE bench_c (id BIGINT UNSIGNED PRIMARY KEY, n INT, w INT)
SELECT id, CAST(SUBSTRING(external_ref, 7) AS UNSIGNED) AS n,
	CASE WHEN external_ref = 'bench-1' THEN 40
	     WHEN CAST(SUBSTRING(external_ref, 7) AS UNSIGNED) <= 5 THEN 20
	     ELSE 1 END AS w
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

DELETE FROM customer_counts WHERE customer_id IN (SELECT id FROM bench_c);
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'contacts', COUNT(*) FROM contacts
WHERE customer_id IN (SELECT id FROM bench_c) GROUP BY customer_id;
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, CONCAT('sites_by_status:', status), COUNT(*)
FROM locations WHERE customer_id IN (SELECT id FROM bench_c)
GROUP BY customer_id, status;
