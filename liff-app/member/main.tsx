import { boot } from '../src/app/member/boot.tsx';

void boot(document.getElementById('root')!);
