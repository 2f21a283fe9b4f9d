import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

async function openMembers(
  who: { username: string; role: 'admin' | 'marketer' } = { username: 'boss', role: 'admin' },
) {
  const tpe = await product.store('TPE01', '台北信義店');
  const { userId } = await product.shopper();
  await product.join(userId, tpe, '王小明');
  await product.earn(userId, 2, tpe);
  await product.importMember('0987654321', '1965-03-08', '陳阿姨');
  await product.staff(who.username, who.role);
  await product.signInToConsole(who.username, { query: '?page=members', landing: '會員' });
}

const find = async (q: string) => {
  fireEvent.change(screen.getByLabelText('搜尋會員'), { target: { value: q } });
  fireEvent.click(screen.getByRole('button', { name: '搜尋' }));
  return screen.findByRole('table', { name: '會員列表' });
};

describe('the members page', () => {
  it('finds a member by the last digits of their phone, opens them and adjusts their points with a reason', async () => {
    await openMembers();
    const results = await find('5678');
    expect(within(results).getByText('王小明')).toBeTruthy();
    expect(within(results).queryByText('陳阿姨')).toBeNull();
    fireEvent.click(within(results).getByRole('button', { name: /^M/ }));

    const points = await screen.findByRole('region', { name: '點數紀錄' });
    expect(within(points).getByText('點數餘額 21 點')).toBeTruthy();
    expect(within(points).getAllByText('消費得點')).toHaveLength(2);
    const adjust = screen.getByRole('form', { name: '調整點數' });
    fireEvent.change(within(adjust).getByLabelText('點數（扣點請輸入負數）'), { target: { value: '50' } });
    fireEvent.change(within(adjust).getByLabelText('原因'), { target: { value: '客訴補償' } });
    fireEvent.click(within(adjust).getByRole('button', { name: '確定調整' }));
    expect(await screen.findByText('點數餘額 71 點')).toBeTruthy();
    // The statement is drawn afresh with the new balance: the adjustment with the reason given and who gave it.
    const history = screen.getByRole('region', { name: '點數紀錄' });
    const adjusted = (await within(history).findByText('人工調整')).closest('tr')!;
    expect(within(adjusted).getByText('原因：客訴補償')).toBeTruthy();
    expect(within(adjusted).getByText('調整人：boss')).toBeTruthy();
    expect(within(adjusted).getByText('+50')).toBeTruthy();
  });

  it('shows a marketer the member number whole, says which fields their role may not see, and names them on their adjustment', async () => {
    await openMembers({ username: 'max', role: 'marketer' });
    const results = await find('5678');
    fireEvent.click(within(results).getByRole('button', { name: /^M/ }));
    const profile = await screen.findByRole('region', { name: '基本資料' });
    const tile = (label: string) => within(profile).getByText(label, { selector: 'dt' }).nextElementSibling!;
    expect(tile('會員編號').textContent).toMatch(/^M\d+$/);
    expect(tile('會員編號').className).toBe('unbroken');
    expect(tile('手機').textContent).toMatch(/^0912\*\*\*678$/);
    for (const label of ['生日', '性別', '電子郵件']) expect(tile(label).textContent).toBe('無權檢視');
    expect(within(profile).getByText('生日、性別與電子郵件僅限可修改會員資料的人員檢視。')).toBeTruthy();

    // A marketer adjusts too (issue 16): the statement names them as the one who did.
    const adjust = screen.getByRole('form', { name: '調整點數' });
    fireEvent.change(within(adjust).getByLabelText('點數（扣點請輸入負數）'), { target: { value: '-1' } });
    fireEvent.change(within(adjust).getByLabelText('原因'), { target: { value: '重複給點' } });
    fireEvent.click(within(adjust).getByRole('button', { name: '確定調整' }));
    const adjusted = (await screen.findByText('原因：重複給點')).closest('tr')!;
    expect(within(adjusted).getByText('調整人：max')).toBeTruthy();
    expect(within(adjusted).getByText('-1')).toBeTruthy();
  });

  it('fixes a record, each refusal on its field in zh-TW, and erases a member once the number is typed', async () => {
    await openMembers();
    const results = await find('陳');
    fireEvent.click(within(results).getByRole('button', { name: /^M/ }));
    fireEvent.click(await screen.findByRole('button', { name: '修改資料' }));
    const form = screen.getByRole('form', { name: '修改資料' });
    fireEvent.change(within(form).getByLabelText('手機'), { target: { value: '0912345678' } });
    fireEvent.change(within(form).getByLabelText('電子郵件'), { target: { value: 'x@' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('這個手機號碼已是另一位會員的')).toBeTruthy();
    expect(within(form).getByText('電子郵件格式不正確')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('手機'), { target: { value: '0911000111' } });
    fireEvent.change(within(form).getByLabelText('電子郵件'), { target: { value: 'auntie@example.com' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('已更新：phone、email')).toBeTruthy();

    const pdpa = screen.getByRole('form', { name: '刪除會員個資' });
    fireEvent.change(within(pdpa).getByLabelText('輸入會員編號以確認'), { target: { value: 'M0' } });
    fireEvent.click(within(pdpa).getByRole('button', { name: '刪除個資' }));
    expect(await within(pdpa).findByText('與這位會員的編號不符')).toBeTruthy();
    const number = screen
      .getByRole('heading', { level: 2, name: /陳阿姨/ })
      .textContent!.split('・')[1]!
      .trim();
    fireEvent.change(within(pdpa).getByLabelText('輸入會員編號以確認'), { target: { value: number } });
    fireEvent.click(within(pdpa).getByRole('button', { name: '刪除個資' }));
    expect(await screen.findByText('已刪除這位會員的個資')).toBeTruthy();
  });
});
