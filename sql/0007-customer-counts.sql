-- H3/H4: what the hub page shows as counts and sums, kept on write in the
-- transaction of the change (lib/counts.c), so the summary reads one row
-- set instead of counting.  name is a count of lib/counts.c, with an
-- optional ":qualifier" (a status, a currency).
CREATE TABLE customer_counts (
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(64) CHARACTER SET ascii NOT NULL,
	n		BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (customer_id, name),
	CONSTRAINT customer_counts_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'contacts', COUNT(*) FROM contacts GROUP BY customer_id;
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, CONCAT('sites_by_status:', status), COUNT(*)
FROM locations GROUP BY customer_id, status;
