-- K1-K3: a customer's contacts.  An email is unique within its customer,
-- which is what a CSV import matches on.
CREATE TABLE contacts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	customer_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL,
	job_title	VARCHAR(200) NULL,
	email		VARCHAR(254) NULL,
	phone		VARCHAR(50) NULL,
	mobile		VARCHAR(50) NULL,
	notes		TEXT NULL,
	status		ENUM('active', 'deactivated') NOT NULL DEFAULT 'active',
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY contacts_customer_email (customer_id, email),
	KEY contacts_by_name (customer_id, name, id),
	CONSTRAINT contacts_customer_fk FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE RESTRICT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
