-- D3/D4: an asset's folder is one of its owner's folders, as a device's
-- is (0009 left folder_id without a key until the folders table landed).
-- H3: the expired-warranty badge counts an owner's assets whose warranty
-- ended, read as a range of this index.
ALTER TABLE assets
	DROP KEY assets_folder,
	ADD KEY assets_warranty (customer_id, warranty_expiry),
	ADD CONSTRAINT assets_folder_fk FOREIGN KEY (customer_id, folder_id)
	    REFERENCES device_folders (customer_id, id) ON DELETE RESTRICT;
