-- Demo data for ./stack up: a small MSP's customers.  Loaded once.
INSERT INTO custom_fields (field_key, label, type, created_at, updated_at) VALUES
	('contract_tier', 'Contract tier', 'text', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('seats', 'Seats', 'number', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('onboarded', 'Onboarded on', 'date', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('managed_backup', 'Managed backup', 'boolean', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
	('portal', 'Customer portal', 'url', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));

INSERT INTO customers (name, primary_domain, phone, website, address_line1,
    city, postal_code, country, business_id, notes, `rank`, ticket_limit,
    created_at, updated_at) VALUES
	('Acme Dental Group', 'acmedental.example', '+1 415 555 0100', 'https://acmedental.example', '100 Market St', 'San Francisco', '94105', 'US', 'US-4412', 'Three practices; X-ray PCs must never reboot during opening hours.', 'A', 200, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, UTC_TIMESTAMP(6)),
	('Brandt & Söhne Steuerberatung', 'brandt-soehne.example', '+49 30 5550 1234', 'https://brandt-soehne.example', 'Friedrichstraße 12', 'Berlin', '10117', 'DE', 'HRB 12345', 'DATEV workstations; year-end is the busy season.', 'A', 100, UTC_TIMESTAMP(6) - INTERVAL 380 DAY, UTC_TIMESTAMP(6)),
	('Café Lumière', 'cafelumiere.example', '+33 1 55 55 01 02', NULL, '8 rue de Rivoli', 'Paris', '75004', 'FR', NULL, NULL, 'C', 20, UTC_TIMESTAMP(6) - INTERVAL 300 DAY, UTC_TIMESTAMP(6)),
	('Northwind Logistics', 'northwind.example', '+44 20 7946 0000', 'https://northwind.example', '1 Dock Road', 'London', 'E16 1AA', 'GB', 'GB-99812', 'Warehouse scanners on VLAN 40.', 'B', 150, UTC_TIMESTAMP(6) - INTERVAL 250 DAY, UTC_TIMESTAMP(6)),
	('Sakura Design 株式会社', 'sakura-design.example', '+81 3 5555 0199', NULL, '2-1 Shibuya', 'Tokyo', '150-0002', 'JP', NULL, 'Mac fleet; Adobe licences via distributor.', 'B', 50, UTC_TIMESTAMP(6) - INTERVAL 200 DAY, UTC_TIMESTAMP(6)),
	('Harbor Legal LLP', 'harborlegal.example', '+1 206 555 0142', 'https://harborlegal.example', '500 Pine St', 'Seattle', '98101', 'US', NULL, 'Document management on-prem; strict change windows.', 'A', 120, UTC_TIMESTAMP(6) - INTERVAL 150 DAY, UTC_TIMESTAMP(6)),
	('Oak & Ember Bakery', NULL, '+1 503 555 0177', NULL, '12 Alder St', 'Portland', '97205', 'US', NULL, NULL, 'D', 10, UTC_TIMESTAMP(6) - INTERVAL 120 DAY, UTC_TIMESTAMP(6)),
	('Fjord Maritime AS', 'fjordmaritime.example', '+47 22 55 50 00', 'https://fjordmaritime.example', 'Akers gate 1', 'Oslo', '0158', 'NO', 'NO 987 654 321', 'Vessels connect over satellite; patch only in port.', 'B', 80, UTC_TIMESTAMP(6) - INTERVAL 90 DAY, UTC_TIMESTAMP(6)),
	('Riverside Medical Clinic', 'riversidemed.example', '+1 312 555 0123', NULL, '77 River Dr', 'Chicago', '60601', 'US', NULL, 'HIPAA: no patient data in tickets.', 'A', 150, UTC_TIMESTAMP(6) - INTERVAL 60 DAY, UTC_TIMESTAMP(6)),
	('Ångström Labs', 'angstromlabs.example', '+46 8 555 010 00', 'https://angstromlabs.example', 'Drottninggatan 5', 'Stockholm', '111 51', 'SE', NULL, NULL, 'C', 40, UTC_TIMESTAMP(6) - INTERVAL 30 DAY, UTC_TIMESTAMP(6)),
	('Summit Realty', 'summitrealty.example', '+1 720 555 0150', NULL, NULL, 'Denver', NULL, 'US', NULL, NULL, NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 10 DAY, UTC_TIMESTAMP(6));

INSERT INTO customers (name, city, country, `rank`, archived, archived_at,
    created_at, updated_at) VALUES
	('Old Mill Printing', 'Leeds', 'GB', 'D', 1, UTC_TIMESTAMP(6) - INTERVAL 20 DAY, UTC_TIMESTAMP(6) - INTERVAL 700 DAY, UTC_TIMESTAMP(6));

INSERT INTO locations (customer_id, name, address_line1, city, postal_code, country, status, is_primary, created_at, updated_at)
SELECT c.id, l.name, l.line1, l.city, l.postal, l.country, l.status, l.is_primary, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'Market Street practice' AS name, '100 Market St' AS line1, 'San Francisco' AS city, '94105' AS postal, 'US' AS country, 'active' AS status, 1 AS is_primary
	UNION ALL SELECT 'Acme Dental Group', 'Oakland practice', '20 Broadway', 'Oakland', '94607', 'US', 'active', 0
	UNION ALL SELECT 'Acme Dental Group', 'San Jose practice', '3 First St', 'San Jose', '95113', 'US', 'inactive', 0
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'Kanzlei Mitte', 'Friedrichstraße 12', 'Berlin', '10117', 'DE', 'active', 1
	UNION ALL SELECT 'Northwind Logistics', 'Head office', '1 Dock Road', 'London', 'E16 1AA', 'GB', 'active', 1
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse Tilbury', 'Dock 7', 'Tilbury', 'RM18 7EH', 'GB', 'active', 0
	UNION ALL SELECT 'Northwind Logistics', 'Old depot', 'Canal St', 'Manchester', 'M1 3HZ', 'GB', 'closed', 0
	UNION ALL SELECT 'Sakura Design 株式会社', '渋谷スタジオ', '2-1 Shibuya', 'Tokyo', '150-0002', 'JP', 'active', 1
	UNION ALL SELECT 'Harbor Legal LLP', 'Seattle office', '500 Pine St', 'Seattle', '98101', 'US', 'active', 1
	UNION ALL SELECT 'Fjord Maritime AS', 'Oslo HQ', 'Akers gate 1', 'Oslo', '0158', 'NO', 'active', 1
	UNION ALL SELECT 'Fjord Maritime AS', 'Bergen office', 'Bryggen 3', 'Bergen', '5003', 'NO', 'active', 0
	UNION ALL SELECT 'Riverside Medical Clinic', 'Main clinic', '77 River Dr', 'Chicago', '60601', 'US', 'active', 1
	UNION ALL SELECT 'Ångström Labs', 'Lab', 'Drottninggatan 5', 'Stockholm', '111 51', 'SE', 'active', 1
) l ON l.customer = c.name;

-- Kept by the location writes; rows inserted here are counted once (§7).
UPDATE customers c SET locations_count =
	(SELECT COUNT(*) FROM locations l WHERE l.customer_id = c.id);

INSERT INTO customer_field_values (customer_id, field_id, value_json)
SELECT c.id, f.id, v.value_json
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'contract_tier' AS field, '"Gold"' AS value_json
	UNION ALL SELECT 'Acme Dental Group', 'seats', '42'
	UNION ALL SELECT 'Acme Dental Group', 'managed_backup', 'true'
	UNION ALL SELECT 'Acme Dental Group', 'onboarded', '"2024-03-01"'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'contract_tier', '"Gold"'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'seats', '18'
	UNION ALL SELECT 'Northwind Logistics', 'contract_tier', '"Silver"'
	UNION ALL SELECT 'Northwind Logistics', 'seats', '65'
	UNION ALL SELECT 'Northwind Logistics', 'portal', '"https://portal.northwind.example"'
	UNION ALL SELECT 'Harbor Legal LLP', 'contract_tier', '"Platinum"'
	UNION ALL SELECT 'Café Lumière', 'contract_tier', '"Bronze"'
) v ON v.customer = c.name
JOIN custom_fields f ON f.field_key = v.field;

INSERT INTO timeline_events (customer_id, occurred_at, source, kind, summary, object_type, object_id)
SELECT id, created_at, 'msphub', 'customer.created', 'Customer created', 'customer', id FROM customers;

-- K1: a few contacts per customer.
INSERT INTO contacts (customer_id, name, job_title, email, phone, mobile,
    status, created_at, updated_at)
SELECT c.id, v.name, v.title, v.email, v.phone, v.mobile, v.status,
    UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'Dr. Maria Chen' AS name, 'Practice owner' AS title, 'maria.chen@acmedental.example' AS email, '+1 415 555 0101' AS phone, '+1 415 555 0188' AS mobile, 'active' AS status
	UNION ALL SELECT 'Acme Dental Group', 'Tom Alvarez', 'Office manager', 'tom@acmedental.example', '+1 415 555 0102', NULL, 'active'
	UNION ALL SELECT 'Acme Dental Group', 'Jenna Park', 'Former office manager', 'jenna@acmedental.example', NULL, NULL, 'deactivated'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'Klaus Brandt', 'Geschäftsführer', 'k.brandt@brandt-soehne.example', '+49 30 5550 1235', '+49 170 5550123', 'active'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'Jörg Weiß', 'IT-Beauftragter', 'j.weiss@brandt-soehne.example', '+49 30 5550 1240', NULL, 'active'
	UNION ALL SELECT 'Café Lumière', 'Élodie Martin', 'Gérante', 'elodie@cafelumiere.example', '+33 1 55 55 01 03', NULL, 'active'
	UNION ALL SELECT 'Northwind Logistics', 'Priya Shah', 'Operations director', 'priya.shah@northwind.example', '+44 20 7946 0001', '+44 7700 900123', 'active'
	UNION ALL SELECT 'Sakura Design 株式会社', '田中 美咲', 'Office manager', 'misaki.tanaka@sakura-design.example', '+81 3 5555 0198', NULL, 'active'
	UNION ALL SELECT 'Harbor Legal LLP', 'Daniel Okafor', 'Managing partner', 'dokafor@harborlegal.example', '+1 206 555 0143', NULL, 'active'
) v ON v.customer = c.name;

-- B1-B4, C1: contracts with time booked against them, invoices in two
-- batches (one overdue), billing settings and projects.  Dates are
-- relative to today so the derived statuses show.
INSERT INTO contracts (customer_id, name, type, start_date, end_date,
    sla_response_minutes, sla_resolution_minutes, included_minutes,
    created_at, updated_at)
SELECT c.id, v.name, v.type, UTC_DATE() + INTERVAL v.start_days DAY,
    UTC_DATE() + INTERVAL v.end_days DAY, v.response, v.resolution,
    v.included, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'Managed services 2025' AS name, 'standard' AS type, -200 AS start_days, 165 AS end_days, 60 AS response, 480 AS resolution, NULL AS included
	UNION ALL SELECT 'Acme Dental Group', 'Block hours 20h', 'block', -90, 275, 120, 1440, 1200
	UNION ALL SELECT 'Acme Dental Group', 'Managed services 2024', 'standard', -565, -201, 60, 480, NULL
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'Monitoring', 'monitoring', -30, 335, 240, 2880, NULL
	UNION ALL SELECT 'Northwind Logistics', 'Block hours 10h', 'block', -60, 305, 60, 960, 600
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse Wi-Fi rollout', 'project', 14, 104, NULL, NULL, 2400
) v ON v.customer = c.name;

INSERT INTO time_entries (customer_id, contract_id, entry_date, minutes,
    description, billable, created_at, updated_at)
SELECT k.customer_id, k.id, UTC_DATE() - INTERVAL v.days_ago DAY, v.minutes,
    v.description, 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM contracts k JOIN (
	SELECT 'Block hours 20h' AS contract, 5 AS days_ago, 90 AS minutes, 'Replaced the reception PC' AS description
	UNION ALL SELECT 'Block hours 20h', 3, 45, 'Printer driver update'
	UNION ALL SELECT 'Block hours 10h', 20, 420, 'Firewall migration'
	UNION ALL SELECT 'Block hours 10h', 2, 240, 'Scanner roll-out'
) v ON v.contract = k.name;
UPDATE contracts k SET consumed_minutes =
	(SELECT COALESCE(SUM(t.minutes), 0) FROM time_entries t
	 WHERE t.contract_id = k.id);

UPDATE customers c JOIN contracts k ON k.customer_id = c.id
SET c.default_contract_id = k.id
WHERE k.name IN ('Managed services 2025', 'Monitoring', 'Block hours 10h');

INSERT INTO billing_settings (customer_id, currency, hourly_rate_minor,
    device_rate_minor, auto_billing, payment_terms_days, invoice_email,
    updated_at)
SELECT c.id, v.currency, v.hourly, v.device, v.auto, v.terms, v.email,
    UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'USD' AS currency, 12500 AS hourly, 1500 AS device, 1 AS auto, 30 AS terms, 'ap@acmedental.example' AS email
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'EUR', 9500, 1200, 0, 14, 'buchhaltung@brandt-soehne.example'
	UNION ALL SELECT 'Northwind Logistics', 'GBP', 9000, 1000, 1, 30, 'accounts@northwind.example'
) v ON v.customer = c.name;

INSERT INTO invoice_batches (name, created_at) VALUES
	('Monthly run (last month)', UTC_TIMESTAMP(6) - INTERVAL 40 DAY),
	('Monthly run (this month)', UTC_TIMESTAMP(6) - INTERVAL 5 DAY);

INSERT INTO invoices (customer_id, number, batch_id, issue_date, due_date,
    currency, total_minor, status, paid_minor, sent_at, paid_at,
    created_at, updated_at)
SELECT c.id, v.number, b.id, UTC_DATE() - INTERVAL v.issued_ago DAY,
    UTC_DATE() - INTERVAL v.issued_ago DAY + INTERVAL v.terms DAY,
    v.currency, v.total, v.status, v.paid,
    IF(v.status = 'draft', NULL, UTC_TIMESTAMP(6) - INTERVAL v.issued_ago DAY),
    IF(v.status = 'paid', UTC_TIMESTAMP(6), NULL),
    UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'DEMO-1001' AS number, 'Monthly run (last month)' AS batch, 40 AS issued_ago, 30 AS terms, 'USD' AS currency, 450000 AS total, 'paid' AS status, 450000 AS paid
	UNION ALL SELECT 'Acme Dental Group', 'DEMO-1002', 'Monthly run (this month)', 5, 30, 'USD', 462500, 'sent', 0
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'DEMO-1003', 'Monthly run (last month)', 40, 14, 'EUR', 189000, 'sent', 50000
	UNION ALL SELECT 'Northwind Logistics', 'DEMO-1004', 'Monthly run (this month)', 5, 30, 'GBP', 720000, 'sent', 0
	UNION ALL SELECT 'Northwind Logistics', 'DEMO-1005', NULL, 0, 30, 'GBP', 95000, 'draft', 0
) v ON v.customer = c.name
LEFT JOIN invoice_batches b ON b.name = v.batch;

INSERT INTO projects (customer_id, name, start_date, due_date, completed,
    value_minor, currency, progress, created_at, updated_at)
SELECT c.id, v.name, UTC_DATE() + INTERVAL v.start_days DAY,
    UTC_DATE() + INTERVAL v.due_days DAY, v.completed, v.value, v.currency,
    v.progress, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'Imaging server upgrade' AS name, -20 AS start_days, 25 AS due_days, 0 AS completed, 1800000 AS value, 'USD' AS currency, 40 AS progress
	UNION ALL SELECT 'Acme Dental Group', 'Office 365 migration', -120, -60, 1, 950000, 'USD', 100
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse Wi-Fi rollout', 14, 104, 0, 3200000, 'GBP', 0
) v ON v.customer = c.name;

-- The counts the hub reads (lib/counts.c), for the rows above.
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'contracts', COUNT(*) FROM contracts GROUP BY customer_id
UNION ALL SELECT customer_id, 'invoices', COUNT(*) FROM invoices
	GROUP BY customer_id
UNION ALL SELECT customer_id, 'projects', COUNT(*) FROM projects
	GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('invoiced_minor:', currency),
	SUM(total_minor) FROM invoices WHERE status <> 'draft'
	GROUP BY customer_id, currency
UNION ALL SELECT customer_id, CONCAT('open_minor:', currency),
	SUM(total_minor - paid_minor) FROM invoices WHERE status <> 'draft'
	GROUP BY customer_id, currency
ON DUPLICATE KEY UPDATE n = VALUES(n);
