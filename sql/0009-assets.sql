-- D6: when an operating system stops getting security updates.  Kept by
-- hand: a new row when a vendor announces a date.  end_of_support NULL is
-- a known release without an announced end.  Dates: Microsoft's lifecycle
-- pages (Windows client: the end of servicing of the feature update per
-- edition family; Windows Server: extended support); Ubuntu: end of
-- standard support and Debian: end of LTS, both from distro-info-data;
-- RHEL: end of maintenance support.  Apple announces none: a macOS release
-- is taken as ended on the day a release three newer came out.
CREATE TABLE os_lifecycle (
	os_name		VARCHAR(100) NOT NULL,
	os_version	VARCHAR(100) NOT NULL,
	end_of_support	DATE NULL,
	PRIMARY KEY (os_name, os_version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT INTO os_lifecycle (os_name, os_version, end_of_support) VALUES
	('Windows 10 Home', '1909', '2021-05-11'),
	('Windows 10 Home', '20H2', '2022-05-10'),
	('Windows 10 Home', '21H1', '2022-12-13'),
	('Windows 10 Home', '21H2', '2023-06-13'),
	('Windows 10 Home', '22H2', '2025-10-14'),
	('Windows 10 Pro', '1909', '2021-05-11'),
	('Windows 10 Pro', '20H2', '2022-05-10'),
	('Windows 10 Pro', '21H1', '2022-12-13'),
	('Windows 10 Pro', '21H2', '2023-06-13'),
	('Windows 10 Pro', '22H2', '2025-10-14'),
	('Windows 10 Enterprise', '1909', '2022-05-10'),
	('Windows 10 Enterprise', '20H2', '2023-05-09'),
	('Windows 10 Enterprise', '21H1', '2022-12-13'),
	('Windows 10 Enterprise', '21H2', '2024-06-11'),
	('Windows 10 Enterprise', '22H2', '2025-10-14'),
	('Windows 10 Education', '1909', '2022-05-10'),
	('Windows 10 Education', '20H2', '2023-05-09'),
	('Windows 10 Education', '21H1', '2022-12-13'),
	('Windows 10 Education', '21H2', '2024-06-11'),
	('Windows 10 Education', '22H2', '2025-10-14'),
	('Windows 10 Enterprise LTSB', '2016', '2026-10-13'),
	('Windows 10 Enterprise LTSC', '2019', '2029-01-09'),
	('Windows 10 Enterprise LTSC', '2021', '2027-01-12'),
	('Windows 11 Home', '21H2', '2023-10-10'),
	('Windows 11 Home', '22H2', '2024-10-08'),
	('Windows 11 Home', '23H2', '2025-11-11'),
	('Windows 11 Home', '24H2', '2026-10-13'),
	('Windows 11 Home', '25H2', '2027-10-12'),
	('Windows 11 Pro', '21H2', '2023-10-10'),
	('Windows 11 Pro', '22H2', '2024-10-08'),
	('Windows 11 Pro', '23H2', '2025-11-11'),
	('Windows 11 Pro', '24H2', '2026-10-13'),
	('Windows 11 Pro', '25H2', '2027-10-12'),
	('Windows 11 Enterprise', '21H2', '2024-10-08'),
	('Windows 11 Enterprise', '22H2', '2025-10-14'),
	('Windows 11 Enterprise', '23H2', '2026-11-10'),
	('Windows 11 Enterprise', '24H2', '2027-10-12'),
	('Windows 11 Enterprise', '25H2', '2028-10-10'),
	('Windows 11 Education', '21H2', '2024-10-08'),
	('Windows 11 Education', '22H2', '2025-10-14'),
	('Windows 11 Education', '23H2', '2026-11-10'),
	('Windows 11 Education', '24H2', '2027-10-12'),
	('Windows 11 Education', '25H2', '2028-10-10'),
	('Windows 11 Enterprise LTSC', '2024', '2029-10-09'),
	('Windows Server', '2012', '2023-10-10'),
	('Windows Server', '2012 R2', '2023-10-10'),
	('Windows Server', '2016', '2027-01-12'),
	('Windows Server', '2019', '2029-01-09'),
	('Windows Server', '2022', '2031-10-14'),
	('Windows Server', '2025', '2034-11-14'),
	('macOS', '10.15', '2022-10-24'),
	('macOS', '11', '2023-09-26'),
	('macOS', '12', '2024-09-16'),
	('macOS', '13', '2025-09-15'),
	('macOS', '14', NULL),
	('macOS', '15', NULL),
	('macOS', '26', NULL),
	('Ubuntu', '16.04', '2021-04-30'),
	('Ubuntu', '18.04', '2023-05-31'),
	('Ubuntu', '20.04', '2025-05-29'),
	('Ubuntu', '22.04', '2027-06-01'),
	('Ubuntu', '24.04', '2029-05-31'),
	('Debian', '9', '2022-06-30'),
	('Debian', '10', '2024-06-30'),
	('Debian', '11', '2026-08-31'),
	('Debian', '12', '2028-06-30'),
	('Debian', '13', '2030-06-30'),
	('Red Hat Enterprise Linux', '6', '2020-11-30'),
	('Red Hat Enterprise Linux', '7', '2024-06-30'),
	('Red Hat Enterprise Linux', '8', '2029-05-31'),
	('Red Hat Enterprise Linux', '9', '2032-05-31'),
	('Red Hat Enterprise Linux', '10', '2035-05-31');

-- D4, D5: assets.  customer_id owns the asset; location_id says where it
-- is, possibly at another customer's location (hardware as a service, a
-- repair in the MSP's workshop).  A serial is unique within its owner,
-- which is what a CSV import matches on.  folder_id has no foreign key
-- yet: the folders table (D3) lands with the devices.
CREATE TABLE assets (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	type		VARCHAR(100) NULL,
	status		ENUM('in_use', 'in_stock', 'purchased', 'damaged',
			    'retired') NOT NULL DEFAULT 'in_use',
	serial		VARCHAR(100) NULL,
	purchase_date	DATE NULL,
	warranty_expiry	DATE NULL,
	os_name		VARCHAR(100) NULL,
	os_version	VARCHAR(100) NULL,
	notes		TEXT NULL,
	folder_id	BIGINT UNSIGNED NULL,
	contact_id	BIGINT UNSIGNED NULL,
	location_id	BIGINT UNSIGNED NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY assets_customer_serial (customer_id, serial),
	KEY assets_by_name (customer_id, name, id),
	KEY assets_at_location (location_id, name, id),
	KEY assets_folder (folder_id),
	CONSTRAINT assets_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT,
	CONSTRAINT assets_location_fk FOREIGN KEY (location_id)
	    REFERENCES locations (id) ON DELETE RESTRICT,
	CONSTRAINT assets_contact_fk FOREIGN KEY (contact_id)
	    REFERENCES contacts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- D6: an asset bought longer ago than this is past the standard age.
INSERT INTO settings (name, value_json, updated_at) VALUES
	('asset_age_years', '5', UTC_TIMESTAMP(6));
