import { useCallback, useEffect, useState } from 'react';
import { type ActionDeps, runAction } from './actions.ts';
import { api, controlUrl } from './api.ts';
import { AttachButtons, readUpload, StickerPicker, UPLOAD_LIMIT } from './attachments.tsx';
import { Chat } from './chat.tsx';
import { ChatBar } from './chat-bar.tsx';
import { DateTimePicker } from './date-time-picker.tsx';
import { LiffView, withIdToken } from './liff-view.tsx';
import type { LineAction, RichMenu } from './line-types.ts';
import { QuickReplies } from './quick-replies.tsx';
import { RichMenuView } from './rich-menu.tsx';
import { ShopperPicker } from './shopper-picker.tsx';
import { useChosenShopper, useDisplayTexts, usePhoneData } from './use-phone.ts';

/** A menu a richmenuswitch tap showed, over the menu the stand-in links (`base`) until that changes. */
type Switched = { base: string | null; menu: RichMenu; imageUrl: string | null };

/** The phone: a simulated shopper's LINE chat with the official account. */
export function PhoneApp() {
  const [userId, choose] = useChosenShopper();
  const { config, shoppers, chat, shown, loading, error, refresh } = usePhoneData(userId);
  const [stickersOpen, setStickersOpen] = useState(false);
  const [displayTexts, rememberDisplayText] = useDisplayTexts();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'menu' | 'keyboard'>('menu');
  const [menuOpen, setMenuOpen] = useState(false);
  const [switched, setSwitched] = useState<Switched | null>(null);
  const [picking, setPicking] = useState<LineAction | null>(null);
  const [liffSrc, setLiffSrc] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [answered, setAnswered] = useState<number | null>(null);

  const current = shoppers.find((s) => s.userId === userId) ?? null;
  const live = switched && switched.base === (shown?.richMenuId ?? null) ? switched : null;
  const menu = live?.menu ?? shown?.richMenu ?? null;
  const menuImage = live ? live.imageUrl : (shown?.imageUrl ?? null);
  const botName = config?.botName ?? 'LINE 官方帳號';

  // A newly linked menu opens as its `selected` says, as LINE does (a switched-to menu stays open).
  const [linked, setLinked] = useState<string | null>(null);
  if ((shown?.richMenuId ?? null) !== linked) {
    setLinked(shown?.richMenuId ?? null);
    setMode('menu');
    setMenuOpen(shown?.richMenu?.selected ?? false);
  }
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(timer);
  }, [notice]);

  const act = useCallback(
    async (work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (problem) {
        setNotice((problem as Error).message);
      }
      await refresh();
    },
    [refresh],
  );

  const openLiff = (url: string) =>
    act(async () => userId && setLiffSrc(withIdToken(url, await api.idToken(userId))));

  const onAction = (action: LineAction) => {
    if (!userId) return;
    const last = chat.at(-1);
    if (last?.from === 'account') setAnswered(last.at);
    const deps: ActionDeps = {
      userId,
      liffUrl: config?.liffUrl ?? null,
      api,
      openLiff: (url) => void openLiff(url),
      openUrl: (url) => window.open(url, '_blank', 'noopener'),
      pickDateTime: setPicking,
      switchMenu: async (richMenuId) => {
        const found = (await api.richMenus()).richMenus.find((m) => m.richMenuId === richMenuId);
        if (found) setSwitched({ base: shown?.richMenuId ?? null, menu: found, imageUrl: found.imageUrl });
      },
      chatBar: (change) => {
        if (change.mode) setMode(change.mode);
        if (change.menuOpen !== undefined) setMenuOpen(change.menuOpen);
        if (change.text !== undefined) setText(change.text);
      },
      rememberDisplayText,
      notify: setNotice,
    };
    void act(() => runAction(action, deps));
  };

  const last = chat.at(-1);
  /** The shopper answered: the last message's quick replies go, as in LINE. */
  const answer = () => {
    if (last?.from === 'account') setAnswered(last.at);
  };
  const sendFile = (file: File) => {
    if (!userId) return;
    if (file.size > UPLOAD_LIMIT) return setNotice('檔案不可超過 10 MB');
    answer();
    void act(async () => api.sendUpload(userId, await readUpload(file)));
  };
  const quickReplies =
    last?.from === 'account' && last.at !== answered ? (last.message.quickReply?.items ?? []) : [];

  return (
    <div className="phone">
      <ShopperPicker
        shoppers={shoppers}
        current={current}
        onPick={choose}
        onCreate={(name) => act(async () => choose((await api.createShopper(name)).userId))}
        onFriendship={(action) => userId && act(() => api.friendship(userId, action))}
        onOpenLiff={config?.liffUrl ? () => void openLiff(config.liffUrl as string) : null}
      />
      <header className="chat-header">
        <span className="back" aria-hidden="true">
          ‹
        </span>
        <h1>{botName}</h1>
      </header>
      {error && <div className="error">{error}</div>}
      {current?.friendship === 'stranger' && (
        <div className="add-friend">
          <span>{botName} 尚未成為好友</span>
          <button
            type="button"
            className="primary"
            onClick={() => act(() => api.friendship(current.userId, 'follow'))}
          >
            加入好友
          </button>
        </div>
      )}
      {userId ? (
        <Chat
          entries={chat}
          botName={botName}
          shopperName={current?.displayName}
          loading={loading}
          onAction={onAction}
          displayTexts={displayTexts}
        />
      ) : (
        <div className="chat empty">請選擇或新增一位顧客</div>
      )}
      {notice && <div className="toast">{notice}</div>}
      {userId && <QuickReplies items={quickReplies} onAction={onAction} />}
      {userId && menu && mode === 'menu' && menuOpen && (
        <RichMenuView menu={menu} imageUrl={menuImage && controlUrl(menuImage)} onAction={onAction} />
      )}
      {userId && stickersOpen && (!menu || mode === 'keyboard') && (
        <StickerPicker
          onPick={(sticker) => {
            setStickersOpen(false);
            answer();
            void act(() => api.sendSticker(userId, sticker));
          }}
        />
      )}
      {userId && (
        <ChatBar
          attach={
            <AttachButtons stickersOpen={stickersOpen} onStickers={setStickersOpen} onFile={sendFile} />
          }
          chatBarText={menu?.chatBarText ?? null}
          mode={mode}
          onMode={setMode}
          menuOpen={menuOpen}
          onMenuOpen={setMenuOpen}
          text={text}
          onText={setText}
          onSend={(message) => {
            setText('');
            answer();
            void act(() => api.sendText(userId, message));
          }}
          blocked={current?.friendship === 'blocked'}
          onUnblock={() => act(() => api.friendship(userId, 'unblock'))}
        />
      )}
      {picking && userId && (
        <DateTimePicker
          action={picking}
          onCancel={() => setPicking(null)}
          onPick={(params) => {
            setPicking(null);
            void act(() => api.postback(userId, picking.data ?? '', params));
          }}
        />
      )}
      {liffSrc && <LiffView src={liffSrc} onClose={() => setLiffSrc(null)} />}
    </div>
  );
}
