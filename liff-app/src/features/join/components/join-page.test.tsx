import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

async function openJoinForm() {
  const storeId = await product.store();
  const { token } = await product.shopper('王小明');
  renderApp({ token });
  await screen.findByRole('heading', { name: '加入會員' });
  return storeId;
}

function fillValidForm(phone = '0912345678') {
  type('手機號碼', phone);
  type('姓名', '王小明');
  type(/^生日/, '1990-05-20');
  fireEvent.change(screen.getByLabelText('常用門市'), {
    target: { value: screen.getByText('台北信義店').getAttribute('value') },
  });
  fireEvent.click(screen.getByRole('checkbox', { name: /會員條款/ }));
}

describe('joining', () => {
  it('gives each invalid field its own message in Traditional Chinese, and sends nothing', async () => {
    await openJoinForm();
    type('手機號碼', '12345');
    type('電子郵件（選填）', 'not-an-email');
    type(/^生日/, '2999-01-01');
    submit('加入會員');

    expect(screen.getByText('請輸入 09 開頭的 10 位手機號碼')).toBeTruthy();
    expect(screen.getByText('此欄位為必填')).toBeTruthy();
    expect(screen.getByText('請輸入正確的生日')).toBeTruthy();
    expect(screen.getByText('電子郵件格式不正確')).toBeTruthy();
    expect(screen.getByText('請選擇常用門市')).toBeTruthy();
    expect(screen.getByText('請閱讀並同意會員條款與隱私權政策')).toBeTruthy();
    expect(screen.getByLabelText('手機號碼').getAttribute('aria-invalid')).toBe('true');
  });

  it('forgets a field’s message as soon as the field is corrected, and keeps the others', async () => {
    await openJoinForm();
    type('手機號碼', '12345');
    submit('加入會員');
    expect(screen.getByText('請輸入 09 開頭的 10 位手機號碼')).toBeTruthy();
    type('手機號碼', '0912345678');
    expect(screen.queryByText('請輸入 09 開頭的 10 位手機號碼')).toBeNull();
    expect(screen.getByLabelText('手機號碼').getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.getByText('請選擇常用門市')).toBeTruthy();
  });

  it('links the terms and the privacy policy to their pages (liff-app/member/*.html)', async () => {
    await openJoinForm();
    expect(screen.getByRole('link', { name: '會員條款' }).getAttribute('href')).toBe(
      '/liff/member/terms.html',
    );
    expect(screen.getByRole('link', { name: '隱私權政策' }).getAttribute('href')).toBe(
      '/liff/member/privacy.html',
    );
  });

  it('makes the friend a member and shows the card', async () => {
    await openJoinForm();
    fillValidForm();
    submit('加入會員');
    expect(await screen.findByRole('region', { name: '會員卡' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '王小明' })).toBeTruthy();
  });

  it('takes a number another LINE member uses to the same claim step as one from the shops', async () => {
    const storeId = await product.store('TPE02', '台北南港店');
    const other = await product.shopper('林大同');
    await product.join(other.userId, storeId, '林大同');
    await openJoinForm();
    fillValidForm('0912345678');
    submit('加入會員');
    expect(await screen.findByRole('heading', { name: '這個手機號碼已登記為會員' })).toBeTruthy();
    type(/^生日/, '1990-05-20');
    submit('綁定會員');
    expect(await screen.findByText('手機號碼或生日不符，還可以再試 4 次。')).toBeTruthy();
  });
});

describe('claiming an in-store membership', () => {
  it('asks for phone and birthday, counts the tries left, and binds the membership', async () => {
    await product.importMember('0933111222', '1965-03-08', '陳美玲');
    await openJoinForm();
    fillValidForm('0933111222');
    submit('加入會員');
    expect(await screen.findByRole('heading', { name: '這個手機號碼已登記為會員' })).toBeTruthy();
    expect((screen.getByLabelText('手機號碼') as HTMLInputElement).value).toBe('0933111222');

    type(/^生日/, '1965-03-09');
    submit('綁定會員');
    expect(await screen.findByText('手機號碼或生日不符，還可以再試 4 次。')).toBeTruthy();

    type(/^生日/, '1965-03-08');
    submit('綁定會員');
    expect(await screen.findByRole('heading', { name: '陳美玲' })).toBeTruthy();
  });

  it('locks after five wrong tries and says until when, in Taipei time', async () => {
    await product.importMember('0933111222', '1965-03-08', '陳美玲');
    await openJoinForm();
    fillValidForm('0933111222');
    submit('加入會員');
    await screen.findByRole('heading', { name: '這個手機號碼已登記為會員' });
    type(/^生日/, '1965-03-09');
    for (let attempts = 4; attempts >= 1; attempts--) {
      submit('綁定會員');
      await screen.findByText(`手機號碼或生日不符，還可以再試 ${attempts} 次。`);
    }
    submit('綁定會員');
    const locked = await screen.findByText(
      /^嘗試次數過多，請於 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 後再試，或到門市請店員提供綁定碼。$/,
    );
    expect(locked).toBeTruthy();
    expect((screen.getByRole('button', { name: '綁定會員' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '改用門市綁定碼' }));
    expect((screen.getByRole('button', { name: '綁定會員' }) as HTMLButtonElement).disabled).toBe(false);
    type(/^綁定碼/, '1234');
    submit('綁定會員');
    expect(await screen.findByText('請輸入 8 位數字的綁定碼')).toBeTruthy();
  });
});
