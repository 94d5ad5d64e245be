-- The dashboard's study points per member (learning.StudyFigures) read the points earned in a period by whoever
-- earned them, then look up only those accounts' members: by day, with what it sums, an index-only scan.
create index learning_points_day_idx on learning_points (day) include (account_id, points);
