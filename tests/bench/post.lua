-- post.lua: makes wrk send what nhacviec's webhook provider sends, so both
-- load the same sink with the same request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.headers["Idempotency-Key"] = "nv-1-1"
wrk.body = '{"id":1,"idempotency_key":"nv-1-1","kind":"reminder","step":1,' ..
  '"attempt":1,"to":"+84913000001","task":{"id":1,"ref":"5",' ..
  '"title":"Duy trì chuyên mục chung tay CCHC trên sóng PT-TH","plan":' ..
  '"285/KH-UBND"},"occurrence":{"id":1,"deadline":"2023-01-31T17:00:00+07:00",' ..
  '"ack_code":"K7Q2M"},"agency":{"code":"DPTTH","name":"Đài Phát thanh và ' ..
  'Truyền hình tỉnh"},"contact":{"name":"Giám đốc","role":"head","phone":' ..
  '"+84913000001","zalo":null,"email":null,"telegram":null},"text":' ..
  '"[Nhắc việc] Đài Phát thanh và Truyền hình tỉnh: nhiệm vụ \\"Duy trì ' ..
  'chuyên mục\\" (285/KH-UBND) hạn 31/01/2023 17:00, còn 3 ngày."}'
