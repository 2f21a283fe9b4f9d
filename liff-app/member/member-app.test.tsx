import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { MemberApp } from './member-app.tsx';

it('shows the member centre title in Traditional Chinese', () => {
  render(<MemberApp />);
  expect(screen.getByRole('heading').textContent).toBe('會員中心');
});
