SET SESSION max_recursive_iterations = 100000;
-- bench/run's data: 2,000 customers, 1-4 locations each, 3 custom field
-- values each.  Names are varied so that a search matches a few percent.
INSERT INTO custom_fields (field_key, label, type, created_at, updated_at) VALUES
	('bench_tier', 'Tier', 'text', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('bench_seats', 'Seats', 'number', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('bench_backup', 'Backup', 'boolean', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));

INSERT INTO customers (name, primary_domain, phone, website, address_line1,
    city, postal_code, country, `rank`, ticket_limit, external_ref,
    created_at, updated_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 2000)
SELECT CONCAT(ELT(1 + n MOD 10, 'Acme', 'Northwind', 'Contoso', 'Fabrikam',
	    'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell'), ' ',
	    ELT(1 + (n DIV 10) MOD 8, 'Dental', 'Logistics', 'Legal', 'Bakery',
	    'Clinic', 'Realty', 'Design', 'Maritime'), ' ', n),
	CONCAT('bench', n, '.example'), CONCAT('+1 555 ', LPAD(n, 4, '0')),
	CONCAT('https://bench', n, '.example'), CONCAT(n, ' Main Street'),
	ELT(1 + n MOD 5, 'Berlin', 'London', 'Paris', 'Oslo', 'Tokyo'),
	LPAD(n, 5, '0'), ELT(1 + n MOD 5, 'DE', 'GB', 'FR', 'NO', 'JP'),
	ELT(1 + n MOD 4, 'A', 'B', 'C', 'D'), 100, CONCAT('bench-', n),
	UTC_TIMESTAMP(6) - INTERVAL n MINUTE, UTC_TIMESTAMP(6)
FROM seq;

INSERT INTO locations (customer_id, name, city, country, status, is_primary,
    created_at, updated_at)
WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 4)
SELECT c.id, CONCAT('Site ', k.i), c.city, c.country,
	IF(k.i = 4, 'closed', 'active'), k.i = 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN k ON k.i <= 1 + c.id MOD 4
WHERE c.external_ref LIKE 'bench-%';

UPDATE customers c SET locations_count =
	(SELECT COUNT(*) FROM locations l WHERE l.customer_id = c.id)
WHERE c.external_ref LIKE 'bench-%';

INSERT INTO customer_field_values (customer_id, field_id, value_json)
SELECT c.id, f.id, CASE f.field_key
	WHEN 'bench_tier' THEN JSON_QUOTE(ELT(1 + c.id MOD 3, 'Gold', 'Silver', 'Bronze'))
	WHEN 'bench_seats' THEN CAST(5 + c.id MOD 95 AS CHAR)
	ELSE IF(c.id MOD 2, 'true', 'false') END
FROM customers c CROSS JOIN custom_fields f
WHERE c.external_ref LIKE 'bench-%' AND f.field_key LIKE 'bench_%';
