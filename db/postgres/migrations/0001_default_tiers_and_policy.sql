-- The tiers a brand starts with; admins change them later. Qualifying spend is NT$ over a rolling 12 months.
-- The same rows as SQLite's 0002_default_tiers and 0003's points policy.
INSERT INTO "tiers" ("code", "name", "name_en", "rank", "qualifying_spend", "earn_multiplier_percent", "benefits", "color") VALUES
  ('regular', '一般會員', 'Member', 0, 0, 100, '{"zh":["消費每 NT$50 累積 1 點","生日當月禮"],"en":["1 point for every NT$50","A birthday gift"]}', '#6B7280'),
  ('silver', '銀卡會員', 'Silver', 1, 10000, 120, '{"zh":["點數 1.2 倍","生日當月禮","會員專屬優惠券"],"en":["1.2x points","A birthday gift","Member-only coupons"]}', '#9CA3AF'),
  ('gold', '金卡會員', 'Gold', 2, 30000, 150, '{"zh":["點數 1.5 倍","生日當月禮","會員專屬優惠券","新品搶先購"],"en":["1.5x points","A birthday gift","Member-only coupons","Early access to new products"]}', '#D4A017');
--> statement-breakpoint
INSERT INTO "points_policy" ("id", "updated_at") VALUES (1, to_timestamp(0));
