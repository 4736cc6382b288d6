-- §7: the customer read and the list read a customer's location count
-- from the row; the location writes recount it under the customer's lock.
-- The name order's index also covers every column the list shows, so a
-- search scans the index alone.
ALTER TABLE customers
	ADD COLUMN locations_count INT UNSIGNED NOT NULL DEFAULT 0 AFTER ticket_limit,
	DROP INDEX customers_by_name,
	ADD KEY customers_by_name (archived, name, id, `rank`, created_at,
	    locations_count);

UPDATE customers c SET locations_count =
	(SELECT COUNT(*) FROM locations l WHERE l.customer_id = c.id);
