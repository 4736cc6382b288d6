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

-- D4-D6: assets.  The MSP keeps its own customer record, which owns the
-- hardware it rents out (D5: a HaaS firewall at Acme) and has the
-- workshop where clients' assets wait for repair (Northwind's scanner).
INSERT INTO customers (name, city, country, notes, created_at, updated_at)
VALUES ('Brightline IT (our company)', 'San Francisco', 'US',
    'Our own record: hardware we rent out, our workshop.',
    UTC_TIMESTAMP(6) - INTERVAL 500 DAY, UTC_TIMESTAMP(6));
INSERT INTO locations (customer_id, name, address_line1, city, postal_code,
    country, status, is_primary, created_at, updated_at)
SELECT id, 'Workshop', '9 Mission St', 'San Francisco', '94105', 'US',
    'active', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers WHERE name = 'Brightline IT (our company)';
UPDATE customers c SET locations_count =
	(SELECT COUNT(*) FROM locations l WHERE l.customer_id = c.id)
WHERE c.name = 'Brightline IT (our company)';
INSERT INTO timeline_events (customer_id, occurred_at, source, kind, summary, object_type, object_id)
SELECT id, created_at, 'msphub', 'customer.created', 'Customer created', 'customer', id
FROM customers WHERE name = 'Brightline IT (our company)';

INSERT INTO assets (customer_id, name, type, status, serial, purchase_date,
    warranty_expiry, os_name, os_version, notes, location_id, created_at,
    updated_at)
SELECT c.id, v.name, v.type, v.status, v.serial, v.purchased, v.warranty,
    v.os, v.os_version, v.notes, l.id, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM (
	SELECT 'Acme Dental Group' AS owner, 'Reception PC' AS name, 'Desktop' AS type, 'in_use' AS status, 'CZC1234ABC' AS serial, DATE '2021-03-15' AS purchased, DATE '2024-03-14' AS warranty, 'Windows 11 Pro' AS os, '23H2' AS os_version, NULL AS notes, 'Acme Dental Group' AS loc_customer, 'Market Street practice' AS loc
	UNION ALL SELECT 'Acme Dental Group', 'X-ray workstation', 'Desktop', 'in_use', 'CZC5678DEF', '2019-06-01', '2022-05-31', 'Windows 10 Enterprise LTSC', '2019', 'Never reboot during opening hours.', 'Acme Dental Group', 'Market Street practice'
	UNION ALL SELECT 'Acme Dental Group', 'Label printer', 'Printer', 'damaged', NULL, '2017-05-05', NULL, NULL, NULL, 'Paper jam, beyond repair.', 'Acme Dental Group', 'Oakland practice'
	UNION ALL SELECT 'Brightline IT (our company)', 'HaaS firewall (Acme)', 'Firewall', 'in_use', 'FGT60F0001', '2024-01-10', '2027-01-09', NULL, NULL, 'Rented to Acme Dental: hardware as a service.', 'Acme Dental Group', 'Market Street practice'
	UNION ALL SELECT 'Brightline IT (our company)', 'Spare switch', 'Switch', 'in_stock', 'JL258A0042', '2023-08-01', '2028-07-31', NULL, NULL, NULL, 'Brightline IT (our company)', 'Workshop'
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse scanner 7', 'Scanner', 'damaged', 'ZB-TC52-7', '2020-02-01', '2023-01-31', NULL, NULL, 'In our workshop for repair.', 'Brightline IT (our company)', 'Workshop'
	UNION ALL SELECT 'Northwind Logistics', 'Dispatch PC', 'Desktop', 'in_use', 'NW-PC-0001', '2022-09-12', '2025-09-11', 'Windows 11 Enterprise', '22H2', NULL, 'Northwind Logistics', 'Warehouse Tilbury'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'DATEV-Server', 'Server', 'in_use', 'DE-SRV-01', '2017-11-20', '2022-11-19', 'Windows Server', '2016', 'DATEV database.', 'Brandt & Söhne Steuerberatung', 'Kanzlei Mitte'
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'Laptop Brandt', 'Laptop', 'in_use', 'DE-NB-07', '2024-04-02', '2027-04-01', 'Windows 11 Pro', '24H2', NULL, NULL, NULL
	UNION ALL SELECT 'Café Lumière', 'Caisse', 'POS terminal', 'in_use', 'FR-POS-1', '2022-06-01', '2024-05-31', NULL, NULL, NULL, NULL, NULL
	UNION ALL SELECT 'Sakura Design 株式会社', 'MacBook Pro 16', 'Laptop', 'in_use', 'C02XK1ABCD', '2023-12-01', '2026-11-30', 'macOS', '14', NULL, 'Sakura Design 株式会社', '渋谷スタジオ'
	UNION ALL SELECT 'Sakura Design 株式会社', 'iMac 27', 'Desktop', 'in_use', 'C02YZ9WXYZ', '2019-04-10', '2020-04-09', 'macOS', '12', 'Stuck on Monterey.', 'Sakura Design 株式会社', '渋谷スタジオ'
	UNION ALL SELECT 'Harbor Legal LLP', 'DMS server', 'Server', 'in_use', 'HL-SRV-2', '2015-09-01', '2020-08-31', 'Windows Server', '2012 R2', 'Replacement planned.', 'Harbor Legal LLP', 'Seattle office'
	UNION ALL SELECT 'Fjord Maritime AS', 'Vessel router MS Nordkapp', 'Router', 'in_use', 'NO-RT-11', '2021-05-05', '2026-05-04', NULL, NULL, 'Patch only in port.', NULL, NULL
	UNION ALL SELECT 'Riverside Medical Clinic', 'PACS server', 'Server', 'in_use', 'RM-SRV-1', '2020-10-01', '2025-09-30', 'Ubuntu', '20.04', NULL, 'Riverside Medical Clinic', 'Main clinic'
	UNION ALL SELECT 'Ångström Labs', 'Lab workstation', 'Desktop', 'purchased', 'SE-WS-3', '2025-01-15', '2028-01-14', 'Debian', '12', NULL, 'Ångström Labs', 'Lab'
	UNION ALL SELECT 'Summit Realty', 'Office printer', 'Printer', 'retired', 'SR-PR-1', '2014-03-01', '2016-02-28', NULL, NULL, NULL, NULL, NULL
) v
JOIN customers c ON c.name = v.owner
LEFT JOIN customers lc ON lc.name = v.loc_customer
LEFT JOIN locations l ON l.customer_id = lc.id AND l.name = v.loc;

-- Kept by the asset writes; rows inserted here are counted once.
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'assets_owned', COUNT(*) FROM assets GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('assets_by_status:', status), COUNT(*)
FROM assets GROUP BY customer_id, status
UNION ALL SELECT l.customer_id, 'assets_located', COUNT(*)
FROM assets a JOIN locations l ON l.id = a.location_id GROUP BY l.customer_id
ON DUPLICATE KEY UPDATE n = n + VALUES(n);

-- D1-D3: folders and a few devices per customer, with their counts.
INSERT INTO device_folders (customer_id, name, created_at, updated_at)
SELECT c.id, v.name, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'X-ray PCs' AS name
	UNION ALL SELECT 'Acme Dental Group', 'Front desk'
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse'
	UNION ALL SELECT 'Northwind Logistics', 'Network'
) v ON v.customer = c.name;

INSERT INTO devices (customer_id, folder_id, name, machine_name, type,
    snmp_type, availability, os_name, os_version, ip_addresses,
    serial_number, last_user, last_login_at, last_seen_at, alerts_info,
    alerts_warning, alerts_critical, alert_categories, pending_reboot,
    available_patches, monitored, favourite, created_at, updated_at)
SELECT c.id, f.id, v.name, v.machine, v.type, v.snmp, v.avail, v.os, v.osv,
    v.ip, v.serial, v.usr, IF(v.usr IS NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL 3 HOUR),
    UTC_TIMESTAMP(6) - INTERVAL v.seen MINUTE, v.ai, v.aw, v.ac, v.cats, v.reboot,
    v.patches, 1, v.fav, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'X-ray PCs' AS folder, 'XRAY-01' AS name, 'ACME-XRAY-01' AS machine, 'pc' AS type, NULL AS snmp, 'online' AS avail, 'Windows 10 Pro' AS os, '22H2' AS osv, '10.0.1.21' AS ip, 'CZC1234XR1' AS serial, 'tech' AS usr, 2 AS seen, 1 AS ai, 0 AS aw, 0 AS ac, '' AS cats, 1 AS reboot, 4 AS patches, 1 AS fav
	UNION ALL SELECT 'Acme Dental Group', 'X-ray PCs', 'XRAY-02', 'ACME-XRAY-02', 'pc', NULL, 'offline', 'Windows 10 Pro', '21H2', '10.0.1.22', 'CZC1234XR2', NULL, 600, 0, 1, 1, 'disk,availability', 0, 12, 0
	UNION ALL SELECT 'Acme Dental Group', 'Front desk', 'Reception PC', 'ACME-FD-01', 'pc', NULL, 'online', 'Windows 11 Pro', '23H2', '10.0.1.30', 'CZC9876FD1', 'tom', 1, 0, 0, 0, '', 0, 0, 0
	UNION ALL SELECT 'Acme Dental Group', NULL, 'ACME-DC01', 'ACME-DC01', 'server', NULL, 'online', 'Windows Server 2019', '1809', '10.0.1.5', 'CZJ5550DC1', 'administrator', 1, 2, 1, 0, 'performance', 1, 7, 1
	UNION ALL SELECT 'Acme Dental Group', NULL, 'Office firewall', NULL, 'snmp', 'firewall', 'online', NULL, NULL, '10.0.1.1', 'FGT60F0001', NULL, 1, 0, 0, 0, '', 0, 0, 0
	UNION ALL SELECT 'Northwind Logistics', 'Warehouse', 'WH-SCAN-01', 'NW-WH-SCAN-01', 'linux', NULL, 'unreachable', 'Ubuntu', '22.04', '172.16.4.11', NULL, NULL, 4320, 0, 0, 1, 'networks', 0, 31, 0
	UNION ALL SELECT 'Northwind Logistics', 'Network', 'Core switch', NULL, 'snmp', 'switch', 'online', NULL, NULL, '172.16.0.2', 'SW48P0002', NULL, 1, 0, 2, 0, 'hardware', 0, 0, 1
	UNION ALL SELECT 'Northwind Logistics', NULL, 'NW-APP01', 'NW-APP01', 'server', NULL, 'online', 'Windows Server 2022', '21H2', '172.16.1.10 fe80::1', 'VMW-42-1001', 'svc_backup', 1, 0, 0, 0, '', 0, 2, 0
	UNION ALL SELECT 'Sakura Design 株式会社', NULL, 'Misaki MacBook Pro', 'misaki-mbp', 'mac', NULL, 'online', 'macOS', '14.4', '192.168.10.23', 'C02XK0AAJGH5', 'misaki', 5, 0, 0, 0, '', 1, 1, 1
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', NULL, 'BS-PC-Weiß', 'BS-PC-07', 'pc', NULL, 'retired', 'Windows 10 Pro', '1909', NULL, 'PF0ABC07', 'j.weiss', 90000, 0, 0, 0, '', 0, 0, 0
	UNION ALL SELECT 'Harbor Legal LLP', NULL, 'Client portal', NULL, 'http', NULL, 'online', NULL, NULL, NULL, NULL, NULL, 1, 0, 0, 0, '', 0, 0, 0
) v ON v.customer = c.name
LEFT JOIN device_folders f ON f.customer_id = c.id AND f.name = v.folder;

INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'devices', COUNT(*) FROM devices GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('devices_by_type:', type), COUNT(*)
FROM devices GROUP BY customer_id, type
ON DUPLICATE KEY UPDATE n = VALUES(n);

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

-- The demo's contacts and sites, counted as their writes would have.
INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'contacts', COUNT(*) FROM contacts GROUP BY customer_id
UNION ALL SELECT customer_id, CONCAT('sites_by_status:', status), COUNT(*)
FROM locations GROUP BY customer_id, status
ON DUPLICATE KEY UPDATE n = VALUES(n);

-- Tickets (T1): the helpdesk seed's day at two customers.  Each takes the
-- customer's first contact and default contract, numbered as the
-- sequence would have.
INSERT INTO tickets (number, customer_id, contact_id, contract_id, subject,
    status, activity, priority, type, source, created_at, updated_at,
    resolved_at)
SELECT CONCAT('T-', 1000 + v.n), c.id,
    (SELECT MIN(k.id) FROM contacts k WHERE k.customer_id = c.id),
    c.default_contract_id, v.subject, v.status, v.activity, v.priority,
    v.type, v.source, UTC_TIMESTAMP(6) - INTERVAL v.age HOUR,
    UTC_TIMESTAMP(6) - INTERVAL v.age HOUR,
    IF(v.status = 'resolved', UTC_TIMESTAMP(6), NULL)
FROM customers c JOIN (
	SELECT 1 AS n, 'Acme Dental Group' AS customer, 'X-ray PC in room 2 will not start' AS subject, 'open' AS status, 'awaiting_technician' AS activity, 'critical' AS priority, 'incident' AS type, 'mail' AS source, 3 AS age
	UNION ALL SELECT 2, 'Acme Dental Group', 'New hire: mailbox and badge for Dr. Okafor', 'pending', 'awaiting_contact', 'medium', 'request', 'api', 30
	UNION ALL SELECT 3, 'Acme Dental Group', 'Printer at front desk jams', 'resolved', 'read', 'low', 'incident', 'mail', 80
	UNION ALL SELECT 4, 'Northwind Logistics', 'Scanner VLAN 40 drops every hour', 'open', 'unread', 'high', 'problem', 'mail', 6
	UNION ALL SELECT 5, 'Brandt & Söhne Steuerberatung', 'DATEV-Update vor dem Jahresabschluss', 'open', 'read', 'medium', 'change', 'api', 50
) v ON v.customer = c.name;

UPDATE ticket_sequence SET next_number =
    (SELECT IFNULL(MAX(CAST(SUBSTRING(number, 3) AS UNSIGNED)), 1000) + 1
    FROM tickets) WHERE id = 1;

INSERT INTO ticket_messages (ticket_id, kind, author_kind, author_contact_id,
    author_name, body, created_at)
SELECT t.id, 'reply', 'contact', t.contact_id, k.name,
    'The PC beeps three times and the screen stays black.',
    t.created_at
FROM tickets t JOIN contacts k ON k.id = t.contact_id WHERE t.number = 'T-1001';

INSERT INTO customer_counts (customer_id, name, n)
SELECT customer_id, 'open_tickets', COUNT(*) FROM tickets
WHERE status IN ('open', 'pending') AND spam = 0 AND customer_id IS NOT NULL
GROUP BY customer_id
ON DUPLICATE KEY UPDATE n = VALUES(n);

-- M3: mail domains.  Acme's and Northwind's are verified (mail from them
-- routes to them, M2); Brandt & Söhne's waits for its postmaster.
INSERT INTO customer_domains (customer_id, domain, include_subdomains,
    verified_at, verified_via, created_at, updated_at)
SELECT c.id, d.domain, d.sub, IF(d.verified, UTC_TIMESTAMP(6) - INTERVAL 20 DAY, NULL),
    IF(d.verified, 'code', NULL), UTC_TIMESTAMP(6) - INTERVAL 21 DAY, UTC_TIMESTAMP(6) - INTERVAL 20 DAY
FROM customers c JOIN (
	SELECT 'Acme Dental Group' AS customer, 'acmedental.example' AS domain, 0 AS sub, 1 AS verified
	UNION ALL SELECT 'Northwind Logistics', 'northwind.example', 1, 1
	UNION ALL SELECT 'Brandt & Söhne Steuerberatung', 'brandt-soehne.example', 0, 0
) d ON d.customer = c.name;

-- T1: SLA policies (none is the default, so tickets of other customers
-- show no clocks), assigned to two customers; the sentiment of the
-- contact's message on T-1001 and a first response on T-1002.
INSERT INTO sla_policies (name, first_response_low, first_response_medium,
    first_response_high, first_response_critical, resolution_low,
    resolution_medium, resolution_high, resolution_critical, business_days,
    business_start, business_end, time_zone, created_at, updated_at)
VALUES ('Standard (business hours)', 480, 240, 120, 60, 4800, 2400, 960, 480,
    'mon,tue,wed,thu,fri', 480, 1080, 'Europe/Berlin', UTC_TIMESTAMP(6),
    UTC_TIMESTAMP(6)),
    ('Premium 24x7', 240, 120, 60, 15, 2880, 1440, 480, 240, NULL, NULL, NULL,
    NULL, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));

INSERT INTO customer_sla (customer_id, sla_policy_id, updated_at)
SELECT c.id, p.id, UTC_TIMESTAMP(6) FROM customers c JOIN sla_policies p
    ON (c.name, p.name) IN (('Acme Dental Group', 'Premium 24x7'),
    ('Northwind Logistics', 'Standard (business hours)'));

UPDATE tickets SET sentiment = 'neutral', sentiment_score = 0
WHERE number = 'T-1001';
UPDATE tickets SET first_responded_at = created_at + INTERVAL 20 MINUTE
WHERE number = 'T-1002';
