import { useState } from 'react';
import type { Shopper } from './line-types.ts';

const FRIENDSHIP: Record<Shopper['friendship'], string> = {
  stranger: '未加好友',
  friend: '好友',
  blocked: '已封鎖',
};

interface PickerProps {
  shoppers: Shopper[];
  current: Shopper | null;
  onPick: (userId: string) => void;
  onCreate: (displayName: string | undefined) => void;
  onFriendship: (action: 'follow' | 'block' | 'unblock') => void;
  onOpenLiff: (() => void) | null;
}

/** The stand-in's own bar (not part of LINE): which simulated shopper holds the phone, and what they do. */
export function ShopperPicker({
  shoppers,
  current,
  onPick,
  onCreate,
  onFriendship,
  onOpenLiff,
}: PickerProps) {
  const [name, setName] = useState('');
  const create = () => {
    onCreate(name.trim() || undefined);
    setName('');
  };
  return (
    <div className="stand-in-bar">
      <div className="stand-in-row">
        <select
          aria-label="顧客"
          value={current?.userId ?? ''}
          onChange={(event) => event.target.value && onPick(event.target.value)}
        >
          <option value="">選擇顧客…</option>
          {shoppers.map((s) => (
            <option key={s.userId} value={s.userId}>
              {s.displayName}({FRIENDSHIP[s.friendship]})
            </option>
          ))}
        </select>
        {current?.friendship === 'friend' && (
          <button type="button" onClick={() => onFriendship('block')}>
            封鎖
          </button>
        )}
        {current?.friendship === 'blocked' && (
          <button type="button" onClick={() => onFriendship('unblock')}>
            解除封鎖
          </button>
        )}
        {current?.friendship === 'stranger' && (
          <button type="button" className="primary" onClick={() => onFriendship('follow')}>
            加入好友
          </button>
        )}
        {current && onOpenLiff && (
          <button type="button" onClick={onOpenLiff} title="以此顧客身分開啟 LIFF">
            LIFF
          </button>
        )}
      </div>
      <div className="stand-in-row">
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && create()}
          placeholder="顧客名稱(選填)"
          aria-label="顧客名稱"
          maxLength={20}
        />
        <button type="button" onClick={create}>
          新增顧客
        </button>
      </div>
    </div>
  );
}
