// Frozen: never edit a released migration; add a new one. No app imports.
// Service and communication (issue 8): tickets with SLA clocks (customer feedback C10, dealer
// requests C9), the business calendar, knowledge base with a Chinese token index, announcements
// with read receipts, mediation and relationship care (C13).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;

  await db.schema
    .createTable('tickets')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('channel', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('priority', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('product_sku', text)
    .addColumn('customer', text) // JSON {name, phone} of the end customer, or null
    .addColumn('step', text, (c) => c.notNull())
    .addColumn('department', text)
    .addColumn('assignee_id', text)
    .addColumn('assignee_name', text)
    .addColumn('escalation_level', int, (c) => c.notNull().defaultTo(0))
    .addColumn('solution', text)
    .addColumn('rating', int)
    .addColumn('reopen_count', int, (c) => c.notNull().defaultTo(0))
    .addColumn('classified_at', text)
    .addColumn('first_response_at', text)
    .addColumn('resolved_at', text)
    .addColumn('verified_at', text)
    .addColumn('closed_at', text)
    .addColumn('first_response_due_at', text)
    .addColumn('resolution_due_at', text)
    .addColumn('first_response_breached', int, (c) => c.notNull().defaultTo(0))
    .addColumn('resolution_breached', int, (c) => c.notNull().defaultTo(0))
    .addColumn('pauses', text, (c) => c.notNull().defaultTo('[]')) // JSON [{from,to|null,reason}]
    .addColumn('kb_article_id', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_dealer').on('tickets').columns(['dealer_id', 'id']).execute();
  await db.schema.createIndex('tickets_step').on('tickets').columns(['step', 'id']).execute();
  await db.schema.createIndex('tickets_created').on('tickets').columns(['kind', 'created_at']).execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('ticket_id', text, (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('from_step', text)
    .addColumn('to_step', text)
    .addColumn('note', text)
    .addColumn('rating', int)
    .addColumn('actor_id', text)
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('ticket_id', text, (c) => c.notNull().references('tickets.id'))
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('author_id', text)
    .addColumn('author_name', text, (c) => c.notNull())
    .addColumn('author_role', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_comments_ticket').on('ticket_comments').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('ticket_id', text, (c) => c.notNull().references('tickets.id'))
    .addColumn('comment_id', text)
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size_bytes', int, (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('storage_path', text, (c) => c.notNull())
    .addColumn('uploaded_by', text, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_attachments_ticket').on('ticket_attachments').columns(['ticket_id', 'id']).execute();

  // The customer's confirmation link: only the hash of its token is kept; used once.
  await db.schema
    .createTable('ticket_confirmations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('ticket_id', text, (c) => c.notNull().references('tickets.id'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_problem_reviews')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('month', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('product_sku', text, (c) => c.notNull())
    .addColumn('root_cause', text, (c) => c.notNull())
    .addColumn('preventive_action', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_problem_reviews_key').on('ticket_problem_reviews').columns(['month', 'type', 'product_sku']).unique().execute();

  // Admin overrides of the business calendar (a date made a workday or a holiday).
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('date', text, (c) => c.primaryKey())
    .addColumn('workday', int, (c) => c.notNull())
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('solution_templates')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('type', text)
    .addColumn('product_sku', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('source_ticket_id', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  // The search index: one row per (word, article), weight = occurrences (title words count more).
  await db.schema
    .createTable('kb_tokens')
    .addColumn('token', text, (c) => c.notNull())
    .addColumn('article_id', text, (c) => c.notNull().references('kb_articles.id'))
    .addColumn('weight', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_tokens_pk', ['token', 'article_id'])
    .execute();
  await db.schema.createIndex('kb_tokens_article').on('kb_tokens').column('article_id').execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('published_by', text, (c) => c.notNull())
    .addColumn('published_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('announcement_reads')
    .addColumn('announcement_id', text, (c) => c.notNull().references('announcements.id'))
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('user_name', text, (c) => c.notNull())
    .addColumn('dealer_id', text)
    .addColumn('read_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_reads_pk', ['announcement_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('disputes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('number', text, (c) => c.notNull().unique())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('facts', text, (c) => c.notNull())
    .addColumn('feelings', text, (c) => c.notNull())
    .addColumn('needs', text, (c) => c.notNull())
    .addColumn('options', text, (c) => c.notNull())
    .addColumn('contested_fen', 'bigint', (c) => c.notNull())
    .addColumn('split', text) // JSON: the contribution split as calculated
    .addColumn('plan', text) // JSON: the stepped compensation plan
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('dispute_parties')
    .addColumn('dispute_id', text, (c) => c.notNull().references('disputes.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('claim', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('dispute_parties_pk', ['dispute_id', 'dealer_id'])
    .execute();
  await db.schema.createIndex('dispute_parties_dealer').on('dispute_parties').column('dealer_id').execute();
  await db.schema
    .createTable('dispute_followups')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dispute_id', text, (c) => c.notNull().references('disputes.id'))
    .addColumn('note', text, (c) => c.notNull())
    .addColumn('due_on', text, (c) => c.notNull())
    .addColumn('done_at', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('questions', text, (c) => c.notNull()) // JSON [{id, kind, text}]
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('sent_at', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_recipients')
    .addColumn('survey_id', text, (c) => c.notNull().references('surveys.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('responded_at', text)
    .addPrimaryKeyConstraint('survey_recipients_pk', ['survey_id', 'dealer_id'])
    .execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('survey_id', text, (c) => c.notNull().references('surveys.id'))
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('csat', int, (c) => c.notNull())
    .addColumn('nps', int, (c) => c.notNull())
    .addColumn('comment', text)
    .addColumn('respondent_name', text, (c) => c.notNull())
    .addColumn('submitted_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_responses_once').on('survey_responses').columns(['survey_id', 'dealer_id']).unique().execute();

  // Quarterly business reviews (period YYYY-Qn) and half-yearly key-person visits (YYYY-H1/H2).
  await db.schema
    .createTable('relation_activities')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dealer_id', text, (c) => c.notNull().references('dealers.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('held_on', text, (c) => c.notNull())
    .addColumn('attendees', text, (c) => c.notNull())
    .addColumn('notes', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relation_activities_once').on('relation_activities').columns(['dealer_id', 'kind', 'period']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('0010_service cannot be reverted: restore a backup instead');
}
