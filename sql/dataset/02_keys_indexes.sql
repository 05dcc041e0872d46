-- Keys and indexes of the loaded data set, built once after COPY (faster than maintaining them per row).
-- The importer has already checked every reference in C++, so foreign keys are added NOT VALID:
-- they document and enforce the relationships for later writes without rescanning 26M rows.
ALTER TABLE product ADD PRIMARY KEY (id);
ALTER TABLE feature ADD PRIMARY KEY (id);
ALTER TABLE style   ADD PRIMARY KEY (id);
ALTER TABLE photo   ADD PRIMARY KEY (id);
ALTER TABLE sku     ADD PRIMARY KEY (id);
ALTER TABLE related ADD PRIMARY KEY (id);

ALTER TABLE feature ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE style   ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE photo   ADD FOREIGN KEY (style_id) REFERENCES style (id) NOT VALID;
ALTER TABLE sku     ADD FOREIGN KEY (style_id) REFERENCES style (id) NOT VALID;
ALTER TABLE related ADD FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
ALTER TABLE related ADD FOREIGN KEY (related_product_id) REFERENCES product (id) NOT VALID;

-- Child rows by parent in id order: what each document aggregate reads.
CREATE INDEX feature_product_id ON feature (product_id, id);
CREATE INDEX style_product_id   ON style (product_id, id);
CREATE INDEX photo_style_id     ON photo (style_id, id);
CREATE INDEX sku_style_id       ON sku (style_id, id);
CREATE INDEX related_product_id ON related (product_id, id);
