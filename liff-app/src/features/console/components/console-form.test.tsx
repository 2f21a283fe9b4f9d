import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../lib/i18n.ts';
import { OtherFields } from './console-form.tsx';

afterEach(cleanup);

describe('a problem with a field the form does not show', () => {
  it('is listed above the buttons, named, where the form’s own fields are not', () => {
    locale.set('zh-TW');
    render(
      <OtherFields
        problems={{ name: 'NAME_INVALID', memo: 'UNKNOWN_FIELD', storeId: 'STORE_INVALID' }}
        shown={['name']}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      '「memo」：伺服器不接受這個欄位「storeId」：請選擇存在的門市',
    );
  });

  it('says nothing when every problem is on a field of the form', () => {
    render(<OtherFields problems={{ name: 'NAME_INVALID' }} shown={['name']} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
