// Strings of the electronic-signature list (电子签名, issue 14 §6, R-AU-1), zh-CN (en-US: the .en.ts beside it); merged by web/src/messages.ts.
export const zh = {
  eSignatures: {
    title: '电子签名',
    signer: '签名人',
    signedAt: '签名时间',
    meaning: '签名含义',
    hash: '签署内容 SHA-256',
    empty: '暂无电子签名',
  },
};
