-- The queries of the webinar pages (internal/pages/webinars.go), beside the demo models' own
-- in demo.sql: the grid of webinars with how many registered, and one webinar's registrants.

-- name: DemoWebinarCards :many
-- The webinars in the order they take place, each with its number of registrants.
SELECT demo_webinars.id, demo_webinars.title, demo_webinars.presenter, demo_webinars.starts_at,
    demo_webinars.description,
    (SELECT COUNT(*) FROM demo_registrants WHERE demo_registrants.webinar_id = demo_webinars.id) AS registrants
FROM demo_webinars
ORDER BY demo_webinars.starts_at, demo_webinars.id
LIMIT 100;

-- name: ListDemoRegistrantsOfWebinar :many
-- The registrants of one webinar, by name (the first 200: a card shows no more).
SELECT * FROM demo_registrants
WHERE webinar_id = sqlc.arg(webinar_id)
ORDER BY name, id
LIMIT 200;
