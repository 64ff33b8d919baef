/*
 * phrase-filler.c: the one table of fillers of the timing-phrase grammar:
 * the words of plans that carry no timing (verbs and nouns: "báo cáo",
 * "gửi", "thực hiện", agency and document words).  A word no construction
 * reads must be here, or the reading is flagged with it as unread.
 */
#include <stddef.h>

#include "phrase-int.h"

/*
 * The filler table: words that carry no timing, the verbs and nouns of
 * plans ("báo cáo", "gửi", "thực hiện", "hoàn thành", agency names).
 * One table, longest first where one is a prefix of another.  A word
 * that carries timing must never be here.
 */
static const char *const fillers[] = {
	"bao cao", "bao dam", "dam bao", "gui", "gui ve", "ve", "thuc hien",
	"hoan thanh", "hoan thanh xong", "xong", "trinh", "ban hanh",
	"to chuc", "trien khai", "xay dung", "cap nhat", "tong hop",
	"ket qua", "cong tac", "nhiem vu", "theo doi", "thoi gian",
	"thoi diem", "vao", "la", "cua", "cho", "tai", "o",
	"cac", "nhung", "mot", "duoc", "se", "phai", "can", "da",
	"doi voi", "voi", "de", "do", "nay", "tren", "qua", "tinh",
	"thanh pho", "huyen", "xa", "phuong", "ubnd", "hdnd", "uy ban",
	"nhan dan", "hoi dong", "so", "ban", "nganh", "bo", "chinh phu",
	"thu tuong", "quoc hoi", "trung uong", "tw", "van phong", "dang",
	"bo chinh tri", "ban bi thu", "cap", "co quan", "don vi", "dia phuong",
	"chuyen muc", "phat song", "thoi luong", "lan", "tin", "bai",
	"tuyen truyen", "cai cach", "hanh chinh", "cchc", "tthc",
	"noi vu", "tai chinh", "tu phap", "ke hoach", "chuong trinh",
	"de an", "du an", "van ban", "quyet dinh", "nghi quyet", "chi thi",
	"thong bao", "huong dan", "tien do", "tinh hinh", "noi dung",
	"cu the", "nhu sau", "tong the", "so ket", "tong ket", "danh gia",
	"kiem tra", "giam sat", "thong tin", "ho so", "tham dinh", "xem xet",
	"quyet", "phe duyet", "kien toan", "sap xep", "toan bo",
	"toan tinh", "chung", "bo phan", "ky", "cong bo", "cong khai",
	"lap", "nop", "chi", "thuong", "le phi", "thue", "mon bai",
	"dua vao", "hoat dong", "van hanh", "su dung", "khoi cong",
	"nghiem thu", "ban giao", "trao", "dai hoi", "hoi nghi",
	"hoi thi", "cuoc thi", "vong", "vong thi", "thi", "danh sach",
	"lich", "truc", "cong dan", "tiep cong dan", "doanh nghiep",
	"giai ngan", "tung", "dong thoi", "ve viec",
	"de tong hop", "uy ban nhan dan", "so tai chinh", "so noi vu",
	"nhan", "tiep nhan", "giai quyet", "xu ly", "thong qua", "thong nhat",
	"ra soat", "de xuat", "kien nghi", "phoi hop", "chu tri",
	"chinh thuc", "dien ra", 
	"ky bao cao", "dot", "dot bao cao", "nam bao cao", "thang bao cao",
	"dat", "muc tieu", "trong tam", "lien quan", "thay the",
	"tuyen", "duong", "toan", "tat ca", "dung",
	/* The nouns of agencies, documents and procedures. */
	"cong viec", "viec", "phong", "ke khai", "khai", "phat dong",
	"phat trien", "phat hanh", "chi huy", "quan su", "huy dong",
	"co", "nha", "nha nuoc", "hop", "hanh", "doi", "dia ban", "dia",
	"quan", "quan ly", "thanh tra", "tra", "trach nhiem", "phap luat",
	"phap", "luat", "tien", "nuoc", "so lieu", "lieu", "cu tri", "bau",
	"tham muu", "tham gia", "thu nhap", "tai san", "chinh", "su",
	"khu vuc", "khu", "vuc", "ngan sach", "ngan hang", "sach", "phu",
	"dong", "ap dung", "ap", "bien", "binh", "hoa", "khoa", "ho",
	"cong", "nghe", "so hoa", "chuyen doi so", "dien tu", "ung dung",
	"ket noi", "he thong", "co so du lieu", "du lieu", "mang", "vien",
	"can bo", "cong chuc", "vien chuc", "nguoi", "dan", "xa hoi",
	"kinh te", "van hoa", "giao duc", "y te", "moi truong", "dat dai",
	"an ninh", "quoc phong", "thong ke", "bo sung", "dieu chinh",
	"hoan thien", "nang cao", "day manh", "tang cuong",
	"ke toan", "kiem toan", "quyet toan", "du toan", "von", "dau tu",
	"chi tieu", "tieu chi", "tu dong", "truc tuyen", "hoi", "doan",
	"thuoc", "thu tuc", "thu truong", "truong", "trach", "luc", "diem",
	"luong", "nhiem", "phat", "thau", "dien", "doi tuong", "tuong",
	"suc", "neu", "nang", "quoc", "tham quyen", "quyen", "pham", "phan",
	"niem yet", "ma", "may", "chi tiet", "danh", "dai", "chi dao", "dao",
	"xet", "ho tro", "dvhc", "uy", "lay", "ung", "mat", "manh", "vang",
	"bo sung", "chuan bi", "du thao", "gop y", "y kien", "tiep thu",
	"chinh sua", "giao", "chuyen", "ky ket", "hop dong", "nghiem",
};

/* How many tokens of a filler stand at I (the longest), or 0. */
int
phrase_filler_len(const struct lex *lx, int i)
{
	size_t k;
	int n, best = 0;

	for (k = 0; k < sizeof(fillers) / sizeof(fillers[0]); k++)
		if ((n = tok_seq(lx, i, fillers[k])) > best)
			best = n;
	return best;
}
