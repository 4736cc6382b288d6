-- Outbound mail (issue 9): the admin list of outbound_mail by status,
-- newest first (GET /api/v1/mailbox/outbound?status=), keyset paged.
ALTER TABLE outbound_mail
	ADD KEY outbound_mail_by_status (status, id);
