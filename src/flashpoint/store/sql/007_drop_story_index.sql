-- flashpoint event store, schema version 7: drop the index on story_members.story_id (schema 2). No query looks
-- stories up by id through it (listing stories groups the whole table), and every linked article paid for it: an
-- index insert per article and its rewrite at each checkpoint (docs/benchmarks.md, copy detection at scale).
DROP INDEX IF EXISTS story_members_story;
