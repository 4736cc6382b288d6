-- C4 rank scale and C6 pinned fields: workspace defaults.
INSERT INTO settings (name, value_json, updated_at) VALUES
	('ranks', '["A","B","C","D"]', UTC_TIMESTAMP(6)),
	('pinned_fields', '["phone","rank","city"]', UTC_TIMESTAMP(6));
