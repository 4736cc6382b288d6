// Counts kept on write (customer_counts, H3/H4) must agree with the rows
// they count, for every customer in the database when this file runs:
// the demo data and whatever the test files before it wrote.  A write
// path that forgets its count, or counts twice, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from './lib.mjs';

// What each count should be, computed from the tables.
const EXPECTED = `
SELECT customer_id, 'contacts' AS name, COUNT(*) AS n FROM contacts GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('sites_by_status:', status), COUNT(*) FROM locations GROUP BY customer_id, status
UNION ALL SELECT customer_id, 'devices', COUNT(*) FROM devices GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('devices_by_type:', type), COUNT(*) FROM devices GROUP BY customer_id, type
UNION ALL SELECT customer_id, 'assets_owned', COUNT(*) FROM assets GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('assets_by_status:', status), COUNT(*) FROM assets GROUP BY customer_id, status
UNION ALL SELECT l.customer_id, 'assets_located', COUNT(*) FROM assets a JOIN locations l ON l.id = a.location_id GROUP BY l.customer_id
UNION ALL SELECT customer_id, 'contracts', COUNT(*) FROM contracts GROUP BY customer_id
UNION ALL SELECT customer_id, 'invoices', COUNT(*) FROM invoices GROUP BY customer_id
UNION ALL SELECT customer_id, 'projects', COUNT(*) FROM projects GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('invoiced_minor:', currency), SUM(total_minor) FROM invoices
  WHERE status <> 'draft' GROUP BY customer_id, currency
UNION ALL SELECT customer_id, CONCAT('open_minor:', currency), SUM(total_minor - paid_minor) FROM invoices
  WHERE status <> 'draft' GROUP BY customer_id, currency
UNION ALL SELECT customer_id, 'open_tickets', COUNT(*) FROM tickets
  WHERE status IN ('open', 'pending') AND spam = 0 AND customer_id IS NOT NULL GROUP BY customer_id`;

test('H3/H4: every count kept on write equals what the tables hold', () => {
  const diff = sql(`
    SELECT e.customer_id, e.name, e.n, IFNULL(k.n, 0) FROM (${EXPECTED}) e
    LEFT JOIN customer_counts k ON k.customer_id = e.customer_id AND k.name = CONVERT(e.name USING ascii)
    WHERE IFNULL(k.n, 0) <> e.n
    UNION ALL
    SELECT k.customer_id, k.name, 0, k.n FROM customer_counts k
    LEFT JOIN (${EXPECTED}) e ON e.customer_id = k.customer_id AND CONVERT(e.name USING ascii) = k.name
    WHERE e.n IS NULL AND k.n <> 0`);
  assert.equal(diff, '', `customer, count, expected, kept:\n${diff}`);
  assert.ok(Number(sql('SELECT COUNT(*) FROM customer_counts WHERE n <> 0')) > 0, 'there are counts to compare');
});
