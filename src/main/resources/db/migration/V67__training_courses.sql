-- Courses (慕课/微课) attached to a training class, beside its study materials: the participants find them on
-- 我的培训, and their progress is the course's own.
create table training_course (
    class_id  bigint       not null references training_class (id),
    course_id bigint       not null,
    title     varchar(200) not null,
    primary key (class_id, course_id)
);
