import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDate, formatTime } from '../../../lib/format.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { ConversationRow } from '../api/types.ts';
import { lastMessageWords, taipeiDay, whoWrites } from './chat-words.ts';
import { inboxMessages, kindMessages } from './messages.ts';

/** When the last message came: its time today, else its date (Taipei). */
const when = (iso: string) =>
  taipeiDay(iso) === taipeiDay(new Date().toISOString()) ? formatTime(iso) : formatDate(iso);

/** The inbox's rows, unread first: who, their tier, store and tags, the last message, who has it and its status. */
export function InboxList({
  rows,
  error,
  next,
  openId,
  onOpen,
  onMore,
}: {
  rows: ConversationRow[] | undefined;
  error: unknown;
  next: string | null;
  openId: number | null;
  onOpen: (id: number) => void;
  onMore: () => void;
}) {
  const t = useStore(inboxMessages);
  const kinds = useStore(kindMessages);
  const errors = useStore(errorMessages);
  if (error) return <Problem>{refusalText(errors, error)}</Problem>;
  if (!rows) return <p className="status">{t.loading}</p>;
  if (rows.length === 0) return <p className="status">{t.empty}</p>;
  return (
    <>
      <ul className="inbox" aria-label={t.list}>
        {rows.map((row) => {
          const store = row.store ?? row.member?.homeStore;
          const last = row.lastMessage;
          return (
            <li key={row.id}>
              <button
                type="button"
                className={row.unread > 0 ? 'inbox-row unread' : 'inbox-row'}
                aria-current={row.id === openId ? 'true' : undefined}
                onClick={() => onOpen(row.id)}
              >
                <span className="inbox-top">
                  <strong className="inbox-name">{whoWrites(row, t.notMember)}</strong>
                  {row.lastMessageAt && <time dateTime={row.lastMessageAt}>{when(row.lastMessageAt)}</time>}
                </span>
                <span className="inbox-last">
                  {last ? (
                    <>
                      {last.direction === 'out' && t.you}
                      {lastMessageWords(kinds, last)}
                    </>
                  ) : (
                    t.noMessage
                  )}
                </span>
                <span className="inbox-facts">
                  <span>{row.member ? row.member.tierName : t.notMember}</span>
                  {store && <span>{store.name}</span>}
                  {row.member?.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
                <span className="inbox-facts">
                  <span className={`chat-status ${row.status}`}>{t[row.status]}</span>
                  <span>{row.assignee?.displayName ?? t.unassigned}</span>
                  {row.unread > 0 && <span className="badge">{t.unread({ count: row.unread })}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {next && (
        <button type="button" className="link" onClick={onMore}>
          {t.more}
        </button>
      )}
    </>
  );
}
