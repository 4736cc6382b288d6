-- K1: a user's own choices (the contact columns), one JSON value per key
-- (cgi/session_prefs.c holds the keys), gone with the user.
CREATE TABLE user_preferences (
	user_id		BIGINT UNSIGNED NOT NULL,
	pref_key	VARCHAR(64) CHARACTER SET ascii NOT NULL,
	value		TEXT NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	PRIMARY KEY (user_id, pref_key),
	CONSTRAINT user_preferences_user_fk FOREIGN KEY (user_id)
	    REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- H7: ?kind= reads one family's events in order without walking the rest
-- of a large customer's timeline.
ALTER TABLE timeline_events
    ADD KEY timeline_customer_kind (customer_id, kind, occurred_at, id);
