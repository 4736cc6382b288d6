-- H2: the palette finds devices of every customer by name, machine name
-- or first IP address, each a prefix: one index range per column.
ALTER TABLE devices
	ADD KEY devices_search_name (name),
	ADD KEY devices_search_machine (machine_name),
	ADD KEY devices_search_ip (ip_addresses(64));
